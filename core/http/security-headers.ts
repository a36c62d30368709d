import { secureHeaders } from 'hono/secure-headers';
import { cspNonce } from './csp-nonce.ts';

/** Nonce-based CSP (scripts and styles only from our origin or with this response's nonce) and one-year HSTS. */
export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", cspNonce],
      styleSrc: ["'self'", cspNonce],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      objectSrc: ["'none'"],
    },
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    referrerPolicy: 'strict-origin-when-cross-origin',
    xFrameOptions: 'DENY',
  });
