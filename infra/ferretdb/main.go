// Command ferretdb runs the embeddable FerretDB v1 library on PostgreSQL (-postgresql-url) or SQLite.
// We embed the library (instead of building upstream's cmd/ferretdb) because the module
// zip lacks build/version/version.txt, which makes upstream's binary panic at start-up.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("data-dir", "./data/ferretdb", "directory of the SQLite databases")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	pgURL := flag.String("postgresql-url", "", "PostgreSQL backend (e.g. postgres://user@127.0.0.1:5432/db); SQLite in -data-dir when empty")
	flag.Parse()

	level := new(slog.LevelVar)
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: bad -log-level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	cfg := &ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Handler:       "postgresql",
		PostgreSQLURL: *pgURL,
		Logger:        logger,
	}
	if *pgURL == "" {
		dir, err := filepath.Abs(*dataDir)
		if err == nil {
			err = os.MkdirAll(dir, 0o755)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "ferretdb: data dir %q: %v\n", *dataDir, err)
			os.Exit(1)
		}
		cfg = &ferretdb.Config{
			Listener:  ferretdb.ListenerConfig{TCP: *listen},
			Handler:   "sqlite",
			SQLiteURL: "file:" + dir + "/",
			Logger:    logger,
		}
	}

	f, err := ferretdb.New(cfg)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *pgURL != "" {
		go ensureIDIndexes(ctx, *pgURL, logger)
	}
	go func() {
		// MongoDBURI blocks until the listener is up; printing it tells the launcher we are ready.
		fmt.Println("ferretdb listening:", f.MongoDBURI())
	}()
	if err := f.Run(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
}
