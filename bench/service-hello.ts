/** The baseline for the service benchmark: a bare Fastify hello route, in its own process. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (address && typeof address !== 'string') console.log(`listening on http://127.0.0.1:${address.port}`);
