/**
 * Photos and documents attached to a request's visit (issue: the engineer in the field, item 3): what a
 * request records of each (the bytes live in storage by their content hash) and the bounds. Sandbox-safe.
 */

/** Before and after photos of the work, and documents (a delivery note, a test report). */
export const ATTACHMENT_KINDS = ['before', 'after', 'document'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** What may be attached, as the bytes say (the Content-Type header must agree). */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** One file: 8 MB (a phone photo re-encoded is far smaller); one request: 30 files, 60 MB in all. */
export const ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024;
export const ATTACHMENTS_PER_REQUEST = 30;
export const ATTACHMENT_BYTES_PER_REQUEST = 60 * 1024 * 1024;

export interface Attachment {
  /** The SHA-256 of the stored bytes (after re-encoding): the same photo twice is one attachment. */
  id: string;
  kind: AttachmentKind;
  mediaType: AttachmentType;
  name: string;
  bytes: number;
  width?: number;
  height?: number;
  /** The visit it was taken on (1, 2, …), when the request had one. */
  visit?: number;
  at: string;
  by: string;
}

/** What the services tell the workflow about a stored file; the workflow adds the visit, time and caller. */
export type NewAttachment = Omit<Attachment, 'at' | 'by' | 'visit'>;
