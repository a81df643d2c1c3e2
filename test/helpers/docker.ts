// Tests against real servers in containers (testcontainers) run where a Docker engine answers,
// and elsewhere skip themselves saying why.

/** Why containers cannot run here; undefined where a Docker engine answers. */
export async function noDockerReason(): Promise<string | undefined> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return undefined;
  } catch (error) {
    return `no Docker engine answered (${(error as Error).message.split('\n')[0]})`;
  }
}
