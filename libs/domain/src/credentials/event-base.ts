import type { CommandMetadata } from './types.js';

/** The fields every event of an existing credential carries: its id, who, when. */
export function eventBase(command: { data: { credentialId: string }; metadata: CommandMetadata }) {
  return { credentialId: command.data.credentialId, actor: command.metadata.actor, at: command.metadata.now };
}
