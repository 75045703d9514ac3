/**
 * A real SMTP server on loopback (npm smtp-server) that keeps the mails it accepts, for the mail
 * receiver's tests: the exchange is the real one (greeting, EHLO, MAIL, RCPT, DATA), not a mock.
 */
import { SMTPServer } from "smtp-server";

/** One mail received. */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw message: headers and body. */
  data: string;
  user: string | undefined;
  /** The session had switched to TLS (STARTTLS) before the mail. */
  secure: boolean;
}

/** The mail's text with quoted-printable undone (soft line breaks joined, =XX decoded). */
export function mailText(mail: ReceivedMail): string {
  const joined = mail.data.replace(/=\r?\n/g, "");
  return new TextDecoder().decode(
    Uint8Array.from(
      joined.replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))),
      (c) => c.charCodeAt(0),
    ),
  );
}

/** An SMTP server that accepts everything (and, with `users`, checks the login). */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  readonly #server: SMTPServer;
  #port = 0;

  private constructor(users?: Record<string, string>, tls?: { key: string; cert: string }) {
    this.#server = new SMTPServer({
      // Plain SMTP unless a certificate is given; then STARTTLS is offered (and nodemailer takes it).
      disabledCommands: [...(tls ? [] : ["STARTTLS"]), ...(users ? [] : ["AUTH"])],
      ...(tls ?? {}),
      allowInsecureAuth: true,
      authOptional: users === undefined,
      logger: false,
      onAuth(auth, _session, cb) {
        if (users && users[auth.username ?? ""] === auth.password) {
          return cb(null, { user: auth.username });
        }
        cb(new Error("bad login"));
      },
      onData: (stream, session, cb) => {
        const chunks: Uint8Array[] = [];
        stream.on("data", (c: Uint8Array) => chunks.push(c));
        stream.on("end", () => {
          this.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            data: new TextDecoder().decode(concat(chunks)),
            user: typeof session.user === "string" ? session.user : undefined,
            secure: session.secure,
          });
          cb();
        });
      },
    });
  }

  /** Starts a server on a free loopback port (offering STARTTLS with `tls`). */
  static async start(
    users?: Record<string, string>,
    tls?: { key: string; cert: string },
  ): Promise<SmtpSink> {
    const sink = new SmtpSink(users, tls);
    // A client that gives up mid-handshake is the test's business, not an uncaught error.
    sink.#server.on("error", () => {});
    await new Promise<void>((resolve, reject) => {
      sink.#server.once("error", reject);
      sink.#server.listen(0, "127.0.0.1", () => resolve());
    });
    const address = sink.#server.server.address();
    sink.#port = typeof address === "object" && address ? address.port : 0;
    return sink;
  }

  get port(): number {
    return this.#port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
