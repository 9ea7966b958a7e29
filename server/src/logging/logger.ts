import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'redress' },
    redact: {
      // A failed statement's parameters are what people typed (names, phones, complaints): never logged.
      paths: [
        'req.headers.authorization',
        'password',
        '*.password',
        'token',
        'err.parameters',
        'err.detail',
        'err.driverError.parameters',
        'err.driverError.detail',
      ],
      censor: '[redacted]',
    },
  });
}
