import type { Db } from '../db/index.ts';
import type { FileRef } from './reply.ts';
import { hmac, sameSecret } from './secrets.ts';

export interface StoredFile extends FileRef {
  ownerKey: string;
  data: Buffer;
}

/**
 * Files the bot hands out (exports, invitations), each kept with its owner's user key. Channels check the
 * owner, or, where the chat tool opens a link in a plain browser (Teams), a signature made here.
 */
export class FileStore {
  /** linkKey: signs download links (core/secrets.ts, purpose "files"). */
  constructor(
    private readonly db: Db,
    private readonly linkKey: string,
  ) {}

  /** The signature a download link carries where the browser that opens it has no session (Teams). */
  linkSignature(id: string): string {
    return hmac(this.linkKey, id);
  }

  hasValidLink(id: string, signature: unknown): boolean {
    return typeof signature === 'string' && sameSecret(signature, this.linkSignature(id));
  }

  /** q: pass the transaction's client to store the file in the same transaction. */
  async save(
    ownerKey: string,
    name: string,
    mime: string,
    data: Buffer | string,
    q: Pick<Db, 'query'> = this.db,
  ): Promise<FileRef> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const { rows } = await q.query<{ id: string }>(
      'INSERT INTO files (owner_key, name, mime, data) VALUES ($1, $2, $3, $4) RETURNING id',
      [ownerKey, name, mime, bytes],
    );
    return { id: rows[0]!.id, name, mime };
  }

  /** q: pass the transaction's client when reading inside a transaction (e.g. outbox delivery). */
  async get(id: string, q: Pick<Db, 'query'> = this.db): Promise<StoredFile | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const { rows } = await q.query<{
      id: string;
      owner_key: string;
      name: string;
      mime: string;
      data: Buffer;
    }>('SELECT id, owner_key, name, mime, data FROM files WHERE id = $1', [id]);
    const r = rows[0];
    return r && { id: r.id, ownerKey: r.owner_key, name: r.name, mime: r.mime, data: Buffer.from(r.data) };
  }
}
