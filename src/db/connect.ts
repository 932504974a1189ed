import pg from 'pg';
import { ConnectionError } from '../model/errors.js';
import { describeTarget, type ConnectionTarget } from './target.js';
import { sslAttempts } from './tls.js';
import { DEFAULT_LIMITS, type SessionLimits } from './limits.js';

export { DEFAULT_LIMITS, type SessionLimits } from './limits.js';

/**
 * Open a client on `target`. Failures become one-line `ConnectionError`s naming the
 * target without its password. `readOnly` sessions cannot write even by mistake.
 */
export async function connect(
  target: ConnectionTarget,
  options: { readonly readOnly: boolean; readonly limits?: SessionLimits; readonly applicationName?: string },
): Promise<pg.Client> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const settings = [
    `-c statement_timeout=${limits.statementTimeoutMs}`,
    `-c lock_timeout=${limits.lockTimeoutMs}`,
    ...(options.readOnly ? ['-c default_transaction_read_only=on', '-c idle_in_transaction_session_timeout=60000'] : []),
  ];
  const attempts = sslAttempts(target);
  for (const [i, ssl] of attempts.entries()) {
    const client = new pg.Client({
      host: target.host,
      port: target.port,
      user: target.user,
      // Never null: node-postgres would then read ~/.pgpass itself, printing its own warnings. A function
      // returning undefined leaves the password unset (resolveTarget already looked in the password file).
      password: target.password ?? ((() => undefined) as unknown as () => string),
      database: target.database,
      ssl,
      connectionTimeoutMillis: limits.connectTimeoutMs,
      application_name: options.applicationName ?? 'pgparity',
      options: settings.join(' '),
    });
    // A dropped connection after connect surfaces on the next query; keep the process alive until then.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      // sslmode=prefer: the server has no TLS, go on without; allow: pg_hba.conf wants TLS, go on with it.
      const next = attempts[i + 1] !== undefined && (ssl ? isNoSslSupport(error) : (error as { code?: string }).code === '28000');
      if (!next) throw connectionFailure(error, target);
    }
  }
  throw new ConnectionError(`cannot connect to ${describeTarget(target)}`);
}

function isNoSslSupport(error: unknown): boolean {
  return /does not support SSL/i.test((error as Error).message ?? '');
}

/** Translate a driver or server failure at connect time into one actionable line. */
export function connectionFailure(error: unknown, target: ConnectionTarget): ConnectionError {
  const where = describeTarget(target);
  const e = error as { code?: string; message?: string };
  switch (e.code) {
    case '28P01':
      return new ConnectionError(
        `password authentication failed for user "${target.user}" at ${where}: check the password in the URL, DATABASE_URL or PGPASSWORD${target.passwordNote ? ` (${target.passwordNote})` : ''}`,
      );
    case '28000':
      return new ConnectionError(`the server refused user "${target.user}" at ${where} (${e.message}): check pg_hba.conf and the user name`);
    case '3D000':
      return new ConnectionError(`database "${target.database}" does not exist on ${where}: check the database name`);
    case 'ECONNREFUSED':
      return new ConnectionError(`cannot connect to ${where}: connection refused — is PostgreSQL running and listening on port ${target.port}?`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConnectionError(`cannot connect to ${where}: host "${target.host}" not found — check the host name`);
    case 'ETIMEDOUT':
      return new ConnectionError(`cannot connect to ${where}: timed out — check the host, port and firewall`);
    case '57P03':
      return new ConnectionError(`cannot connect to ${where}: the server is starting up or shutting down, try again`);
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'CERT_SIGNATURE_FAILURE':
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return new ConnectionError(
        `cannot connect to ${where}: the server's certificate cannot be verified (${e.message}) — check sslrootcert (the CA that signed it) and sslmode`,
      );
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return new ConnectionError(
        `cannot connect to ${where}: the server's certificate is not for host "${target.host}" — connect by a name the certificate lists, or use sslmode=verify-ca`,
      );
    default: {
      const message = (e.message ?? String(error)).split('\n')[0] ?? '';
      if (/client password must be/i.test(message)) {
        const note = target.passwordNote ? ` (${target.passwordNote})` : '';
        return new ConnectionError(
          `the server at ${where} asks for a password and none was given${note}: set it in the connection string, PGPASSWORD or the password file (~/.pgpass, PGPASSFILE)`,
        );
      }
      if (isNoSslSupport(error))
        return new ConnectionError(
          `cannot connect to ${where}: the server does not accept SSL connections, and sslmode=${target.ssl?.mode ?? 'require'} requires SSL — enable ssl on the server or change sslmode`,
        );
      if (/timeout/i.test(message)) return new ConnectionError(`cannot connect to ${where}: timed out — check the host, port and firewall`);
      return new ConnectionError(`cannot connect to ${where}: ${redactPasswordIn(message, target)}`);
    }
  }
}

function redactPasswordIn(text: string, target: ConnectionTarget): string {
  return target.password ? text.split(target.password).join('***') : text;
}
