/**
 * `--email smtp[s]://[user:pass@]host[:port]?from=A&to=B[,C]`: one mail per raise and recovery, sent
 * with nodemailer. `smtp://` upgrades with STARTTLS when the server offers it (nodemailer's default);
 * `smtps://` is TLS from the first byte (port 465 unless given). SMTP answers 4xx for "try later" and
 * 5xx for "never": the first are retried, the second reported and dropped.
 */
import type { Transporter } from "nodemailer";
import type { DeliveryResult } from "../delivery.ts";
import { describeNetworkError } from "../delivery.ts";
import { ReceiverUrlError } from "../http_target.ts";
import { messageLines, messageTitle } from "../message.ts";
import type { Notification } from "../notification.ts";
import type { Deliverable, Receiver } from "../receiver.ts";

/** A parsed `--email` value. */
export interface EmailTarget {
  secure: boolean;
  host: string;
  port: number | undefined;
  user: string | undefined;
  pass: string | undefined;
  from: string;
  to: string[];
  /** "email mail.example.com": safe to print. */
  name: string;
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;

/** Reads an `--email` value; errors never repeat it (it may hold a password). */
export function emailTarget(value: string): EmailTarget {
  const form = "smtp[s]://[user:pass@]host[:port]?from=ADDRESS&to=ADDRESS[,ADDRESS]";
  const usage = `--email: expected ${form}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ReceiverUrlError(usage);
  }
  if ((url.protocol !== "smtp:" && url.protocol !== "smtps:") || url.hostname === "") {
    throw new ReceiverUrlError(usage);
  }
  const from = url.searchParams.get("from") ?? "";
  const to = (url.searchParams.get("to") ?? "").split(",").map((a) => a.trim()).filter((a) => a);
  if (!ADDRESS.test(from)) {
    throw new ReceiverUrlError(`--email: from= needs a mail address; expected ${form}`);
  }
  if (to.length === 0 || !to.every((a) => ADDRESS.test(a))) {
    throw new ReceiverUrlError(`--email: to= needs one or more mail addresses; expected ${form}`);
  }
  return {
    secure: url.protocol === "smtps:",
    host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port === "" ? undefined : Number(url.port),
    user: url.username === "" ? undefined : decodeURIComponent(url.username),
    pass: url.password === "" ? undefined : decodeURIComponent(url.password),
    from,
    to,
    name: `email ${url.host}`,
  };
}

/** The mail for `n`: subject and plain-text body. */
export function emailMessage(n: Notification): { subject: string; text: string } {
  return {
    subject: `[monilog] ${messageTitle(n)}`,
    text: messageLines(n).join("\n") + "\n\n-- \nmonilog\n",
  };
}

/** Classifies a nodemailer failure. */
export function smtpResult(err: unknown): DeliveryResult {
  const e = err as { responseCode?: number; code?: string; response?: string };
  if (e.code === "EAUTH") return { ok: false, retry: false, reason: "authentication failed" };
  if (typeof e.responseCode === "number") {
    const permanent = e.responseCode >= 500;
    return { ok: false, retry: !permanent, reason: `SMTP ${e.responseCode}` };
  }
  if (e.code === "EENVELOPE") return { ok: false, retry: false, reason: "address refused" };
  if (e.code === "ETIMEDOUT") return { ok: false, retry: true, reason: "timed out" };
  return { ok: false, retry: true, reason: describeNetworkError(err) };
}

/** A mail receiver; `heloName` is the name monilog gives in its SMTP greeting (the host name). */
export function emailReceiver(target: EmailTarget, heloName: string): Receiver {
  // nodemailer (and the Node layer it needs) is loaded at the first mail, not at every start.
  let transport: Promise<Transporter> | undefined;
  const open = () =>
    transport ??= import("nodemailer").then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        host: target.host,
        port: target.port,
        secure: target.secure,
        auth: target.user !== undefined
          ? { user: target.user, pass: target.pass ?? "" }
          : undefined,
        name: heloName,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      })
    );
  return {
    name: target.name,
    async send(n: Deliverable): Promise<DeliveryResult> {
      if (n.kind === "refresh") return { ok: true };
      try {
        await (await open()).sendMail({ from: target.from, to: target.to, ...emailMessage(n) });
        return { ok: true };
      } catch (err) {
        return smtpResult(err);
      }
    },
    close: () => void transport?.then((t) => t.close()),
  };
}
