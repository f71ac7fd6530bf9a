// Live hub topics and the event envelope pushed over the websocket at /api/hub.
import { z } from 'zod';

export const hubTopics = ['units', 'agencies', 'accounts', 'indicators', 'dossiers', 'notifications', 'system', 'feedback',
  'telemetry', 'alarms', 'incidents', 'cameras', 'walls'] as const;
export const HubTopic = z.enum(hubTopics);
export type HubTopic = z.infer<typeof HubTopic>;

export const HubEvent = z.object({
  seq: z.number().int(),
  type: z.string(),                 // e.g. 'unit.created'
  topic: HubTopic,
  unitPath: z.string().nullable(),  // '/VN/70/689/' — null for province-wide events visible to everyone signed in
  at: z.string(),                   // ISO timestamp
  data: z.object({ ids: z.array(z.string()) }).catchall(z.unknown()),
});
export type HubEvent = z.infer<typeof HubEvent>;

// Messages the server sends besides events.
export type HubControl =
  | { type: 'hub.hello'; lastSeq: number; replayed: number }
  | { type: 'hub.reset'; reason: 'too-old' | 'too-many'; lastSeq: number };

// Messages the client may send.
export type HubClientMessage = { subscribe: HubTopic[] };

export const HUB_REPLAY_WINDOW_MS = 10 * 60 * 1000;
export const HUB_REPLAY_MAX_EVENTS = 10_000;
