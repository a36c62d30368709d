import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SmsProviderRequest = { headers: IncomingHttpHeaders; body: Record<string, string> };
export type SmsProviderAnswer = { status: number; body: unknown };

/**
 * A local HTTP server in the shape of a Chinese SMS API (see core/messages/transports/http-sms-provider.ts).
 * It records every request; `answer` decides each reply (default: accepted, with a BizId).
 */
export async function startFakeSmsProvider() {
  const requests: SmsProviderRequest[] = [];
  let answer = (request: SmsProviderRequest): SmsProviderAnswer => ({ status: 200, body: { Code: 'OK', Message: 'OK', BizId: `biz-${request.body.OutId}` } });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string> };
      requests.push(request);
      const { status, body } = answer(request);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms/send`,
    requests,
    answerWith(next: (request: SmsProviderRequest) => SmsProviderAnswer) {
      answer = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
