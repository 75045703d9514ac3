/** `monitor --email` end to end: the real CLI and a real SMTP server (npm smtp-server) on loopback. */
import { deepEqual, equal } from "node:assert/strict";
import { FIXTURES, REPO_ROOT, runCli } from "../../_helpers/cli.ts";
import { mailText, SmtpSink } from "../../_helpers/smtp_sink.ts";

Deno.test("monitor --email: one mail per raise and per recovery of the exercise's log", async () => {
  const smtp = await SmtpSink.start();
  try {
    const { code, stderr } = await runCli([
      "monitor",
      "--once",
      "--notify-replay",
      "--file",
      `${FIXTURES}sample_csv.txt`,
      "--email",
      `smtp://127.0.0.1:${smtp.port}?from=monilog@example.org&to=ops@example.org`,
    ]);
    equal(code, 0, stderr);
    const subjects = smtp.mails.map((m) => /^Subject: (.*)$/m.exec(mailText(m))?.[1]);
    console.log(`mails: ${subjects.join(" | ")}`);
    equal(smtp.mails.length, 4);
    deepEqual(subjects.map((s) => s?.split(" on ")[0]), [
      "[monilog] High traffic",
      "[monilog] Traffic recovered",
      "[monilog] High traffic",
      "[monilog] Traffic recovered",
    ]);
    const bodies = smtp.mails.map(mailText);
    // §3's events of the fixture, in the display zone (UTC here), with host and file.
    equal(
      bodies[0].includes(
        "High traffic generated an alert - hits = 1206, triggered at 2019-02-07T21:12:36+00:00",
      ),
      true,
    );
    equal(
      bodies[1].includes("Traffic recovered - hits = 1198, recovered at 2019-02-07T21:14:03+00:00"),
      true,
    );
    equal(bodies[2].includes("hits = 1218"), true);
    equal(bodies[3].includes("hits = 1196"), true);
    for (const b of bodies) {
      equal(b.includes(`host: ${Deno.hostname()}`), true);
      equal(b.includes(`file: ${FIXTURES}sample_csv.txt`), true);
    }
    deepEqual(smtp.mails[0].to, ["ops@example.org"]);
  } finally {
    await smtp.close();
  }
});

Deno.test("monitor --email: upgrades with STARTTLS when the server offers it, and logs in over TLS", async () => {
  // A self-signed certificate for 127.0.0.1 (tests/testdata/tls), trusted by the CLI via DENO_CERT.
  const tls = `${REPO_ROOT}tests/testdata/tls/`;
  const smtp = await SmtpSink.start({ ops: "secret" }, {
    key: await Deno.readTextFile(`${tls}key.pem`),
    cert: await Deno.readTextFile(`${tls}cert.pem`),
  });
  try {
    const { code, stderr } = await runCli([
      "monitor",
      "--once",
      "--notify-replay",
      "--file",
      `${FIXTURES}sample_csv.txt`,
      "--email",
      `smtp://ops:secret@127.0.0.1:${smtp.port}?from=monilog@example.org&to=ops@example.org`,
    ], { env: { DENO_CERT: `${tls}ca.pem` } });
    equal(code, 0, stderr);
    equal(smtp.mails.length, 4, stderr);
    for (const m of smtp.mails) {
      equal(m.secure, true, "sent after STARTTLS");
      equal(m.user, "ops");
    }
  } finally {
    await smtp.close();
  }
});

Deno.test("monitor --email: a server certificate that cannot be verified is not trusted", async () => {
  const tls = `${REPO_ROOT}tests/testdata/tls/`;
  const smtp = await SmtpSink.start({ ops: "secret" }, {
    key: await Deno.readTextFile(`${tls}key.pem`),
    cert: await Deno.readTextFile(`${tls}cert.pem`),
  });
  try {
    const { code, stderr } = await runCli([
      "monitor",
      "--once",
      "--notify-replay",
      "--file",
      `${FIXTURES}sample_csv.txt`,
      "--email",
      `smtp://ops:secret@127.0.0.1:${smtp.port}?from=monilog@example.org&to=ops@example.org`,
    ]);
    equal(code, 0, stderr);
    equal(smtp.mails.length, 0);
    const left = stderr.split("\n").filter((l) => l.includes("left undelivered"));
    equal(left.length, 1, stderr);
    equal(left[0].includes("4 notifications left undelivered"), true, left[0]);
    equal(left[0].endsWith("(last try: TLS failure)"), true, left[0]);
    equal(stderr.includes("secret"), false);
  } finally {
    await smtp.close();
  }
});
