// Prisma's better-sqlite3 adapter gives a client ONE connection. An interactive transaction runs BEGIN on
// it and keeps it until COMMIT, while the adapter lets statements made outside the transaction (another
// request, another import line, anything else awaiting in this process) run on that same connection at
// once. Such a statement silently becomes part of the open transaction: a write is rolled back with it,
// and a read that lands between BEGIN and lockForWriting makes the transaction a reader, whose later
// request for the write lock fails at once with SQLITE_BUSY when another process writes (SQLite never
// waits there: the busy timeout cannot help). This wrapper makes statements outside a transaction wait
// until the open one ends, as they would with a connection of their own.
import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];

/** First come, first served: a transaction or a statement outside one holds the connection at a time. */
class Turn {
  #last: Promise<void> = Promise.resolve();

  /** Resolves when it is the caller's turn, with the function that ends it (idempotent). */
  take(): Promise<() => void> {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const ready = this.#last.then(() => end);
    this.#last = this.#last.then(() => ended);
    return ready;
  }

  async during<T>(work: () => Promise<T>): Promise<T> {
    const end = await this.take();
    try {
      return await work();
    } finally {
      end();
    }
  }
}

function heldUntilEnd(tx: Transaction, end: () => void): Transaction {
  const finish = async (how: () => Promise<void>) => {
    try {
      await how();
    } finally {
      end();
    }
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query: Query) => tx.queryRaw(query),
    executeRaw: (query: Query) => tx.executeRaw(query),
    commit: () => finish(() => tx.commit()),
    rollback: () => finish(() => tx.rollback()),
    createSavepoint: tx.createSavepoint && ((name: string) => tx.createSavepoint!(name)),
    rollbackToSavepoint: tx.rollbackToSavepoint && ((name: string) => tx.rollbackToSavepoint!(name)),
    releaseSavepoint: tx.releaseSavepoint && ((name: string) => tx.releaseSavepoint!(name)),
  };
}

function serialized(adapter: Adapter): Adapter {
  const turn = new Turn();
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => turn.during(() => adapter.queryRaw(query)),
    executeRaw: (query) => turn.during(() => adapter.executeRaw(query)),
    executeScript: (script) => turn.during(() => adapter.executeScript(script)),
    startTransaction: async (isolationLevel) => {
      const end = await turn.take();
      try {
        return heldUntilEnd(await adapter.startTransaction(isolationLevel), end);
      } catch (error) {
        end();
        throw error;
      }
    },
    ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
    dispose: () => adapter.dispose(),
  };
}

/** The better-sqlite3 adapter factory, whose connections run one transaction or statement at a time. */
export function serializedSqlite(factory: PrismaBetterSqlite3): Pick<PrismaBetterSqlite3, "provider" | "adapterName" | "connect" | "connectToShadowDb"> {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialized(await factory.connect()),
    connectToShadowDb: async () => serialized(await factory.connectToShadowDb()),
  };
}
