/** The bytes of attached photos and documents, by content hash (Node-only). */
import { Schema } from 'mongoose';
import { key, opts } from './schemaOptions';

export const attachmentFile = new Schema(
  {
    ...key, // = the SHA-256 of `data`: the same file is stored once, whoever attaches it
    mediaType: { type: String, required: true },
    bytes: { type: Number, required: true },
    width: Number,
    height: Number,
    data: { type: Buffer, required: true },
  },
  opts,
);

export interface StoredFile {
  _id: string;
  mediaType: string;
  bytes: number;
  width?: number;
  height?: number;
  data: Buffer;
}
