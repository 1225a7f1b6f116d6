import { MemoryQueueStore } from './memory-queue-store.js';
import { queueStoreContract } from './queue-store.contract.js';

queueStoreContract('in memory', async () => new MemoryQueueStore());
