import { randomBytes } from 'node:crypto';
import { ConnectionError } from '../model/errors.js';
import { onCleanup } from './cleanup.js';
import { useExistingServer } from './url.js';
import type { ScratchServer } from './provider.js';

export const DEFAULT_DOCKER_IMAGE = 'postgres:17';

/** Start `image` with testcontainers; the container is removed on close, error and signal. */
export async function startDockerServer(image: string): Promise<ScratchServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const password = randomBytes(12).toString('hex');
  let container: Awaited<ReturnType<InstanceType<typeof GenericContainer>['start']>>;
  try {
    container = await new GenericContainer(image)
      .withEnvironment({ POSTGRES_PASSWORD: password, POSTGRES_USER: 'postgres', POSTGRES_DB: 'postgres' })
      .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_locks_per_transaction=1024'])
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new ConnectionError(
      `cannot start the docker scratch server ${image}: ${message} — is a Docker engine running? Otherwise use --scratch embedded or --scratch postgres://…`,
    );
  }
  const stop = async (): Promise<void> => void (await container.stop({ remove: true }).catch(() => undefined));
  const unregister = onCleanup(stop);
  const inner = await useExistingServer(
    { host: container.getHost(), port: container.getMappedPort(5432), user: 'postgres', password, database: 'postgres' },
    `docker:${image}`,
  );
  return {
    ...inner,
    close: async () => {
      unregister();
      await stop();
    },
  };
}
