ALTER TABLE "channel_messages" DROP CONSTRAINT "channel_messages_channel";--> statement-breakpoint
ALTER TABLE "channel_messages" ADD CONSTRAINT "channel_messages_channel" CHECK ("channel_messages"."channel" IN ('email', 'zalo', 'facebook', 'sms'));
