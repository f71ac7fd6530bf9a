// The one barrel: drizzle-kit reads every table from here.
export * from '../core/core.table.js';
export * from '../domains/units/units.table.js';
export * from '../domains/accounts/accounts.table.js';
export * from '../domains/indicators/indicators.table.js';
export * from '../domains/notifications/notifications.table.js';
export * from '../domains/calendar/calendar.table.js';
export * from '../domains/dossiers/dossiers.table.js';
export * from '../domains/feedback/feedback.table.js';
export * from '../domains/feedback/channels/channels.table.js';
export * from '../domains/feedback/handling.table.js';
export * from '../domains/feedback/faq.table.js';
export * from '../domains/feedback/classifier.table.js';
export * from '../domains/telemetry/telemetry.table.js';
export * from '../domains/cameras/cameras.table.js';
export * from '../domains/alarms/alarms.table.js';
export * from '../domains/incidents/incidents.table.js';
export * from '../domains/walls/walls.table.js';
