// Cold-start baseline: the smallest Fastify server, started through the same tsx loader as the IOC server.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/readyz', async () => ({ status: 'ready', database: 'none' }));
process.on('SIGTERM', () => { void app.close().then(() => process.exit(0)); });
await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
