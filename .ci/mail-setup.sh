#!/usr/bin/env bash
# A real local mail system for the e-mail channel tests of citizen feedback (test/support/mail-server.ts):
# Postfix accepts mail on 127.0.0.1:25 for the domain ioc.test only (local-only, no relay) and hands it over
# LMTP to Dovecot, which stores it in Maildir and serves it over IMAP on 127.0.0.1:143 without TLS.
# "user+folder@ioc.test" lands in that user's IMAP folder "folder" (created on delivery), so that test runs
# side by side (PGlite and PostgreSQL) each read their own folder.
# Idempotent; run as root on Debian 12 after `apt-get install postfix dovecot-imapd dovecot-lmtpd`.
set -euo pipefail

TEST_PASSWORD="${IOC_TEST_MAIL_PASSWORD:-ioc-mail-test-password}"
USERS=(ioc-hotline ioc-citizen)

# Test users: system accounts without a login shell; Dovecot checks their passwords through PAM.
for u in "${USERS[@]}"; do
  id -u "$u" >/dev/null 2>&1 || useradd --create-home --shell /usr/sbin/nologin "$u"
  echo "$u:$TEST_PASSWORD" | chpasswd
done

# Postfix: loopback only, final destination for ioc.test, nothing relayed anywhere, plain SMTP.
echo ioc.test > /etc/mailname
postconf -e \
  'myhostname = mail.ioc.test' \
  'myorigin = /etc/mailname' \
  'mydestination = ioc.test, localhost' \
  'inet_interfaces = loopback-only' \
  'inet_protocols = ipv4' \
  'mynetworks = 127.0.0.0/8' \
  'relayhost =' \
  'default_transport = error' \
  'relay_transport = error' \
  'recipient_delimiter = +' \
  'smtpd_tls_security_level = none' \
  'smtp_tls_security_level = none' \
  'mailbox_transport = lmtp:unix:private/dovecot-lmtp' \
  'message_size_limit = 26214400'
[ -f /etc/aliases.db ] || newaliases

# Dovecot: IMAP and LMTP on loopback, Maildir in the users' homes, plain-text login (loopback only, tests).
# Debian's 10-ssl.conf names a certificate that its postinst does not always create (e.g. in containers
# without ssl-cert's snakeoil pair), and Dovecot refuses to start when it is missing even with ssl = no.
if [ ! -s /etc/dovecot/private/dovecot.pem ] || [ ! -s /etc/dovecot/private/dovecot.key ]; then
  install -d -m 0700 /etc/dovecot/private
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/CN=mail.ioc.test' \
    -keyout /etc/dovecot/private/dovecot.key -out /etc/dovecot/private/dovecot.pem 2>/dev/null
  chmod 0600 /etc/dovecot/private/dovecot.key
fi
cat > /etc/dovecot/conf.d/99-ioc-test.conf <<'EOF'
# Written by .ci/mail-setup.sh: a local-only mail server for IOC's tests.
listen = 127.0.0.1
protocols = imap lmtp
mail_location = maildir:~/Maildir
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_username_format = %Ln
recipient_delimiter = +
lmtp_save_to_detail_mailbox = yes
lda_mailbox_autocreate = yes
lda_mailbox_autosubscribe = yes
service lmtp {
  unix_listener /var/spool/postfix/private/dovecot-lmtp {
    mode = 0600
    user = postfix
    group = postfix
  }
}
EOF

# Start or reload (no systemd in containers: the daemons are driven directly).
if [ -f /run/dovecot/master.pid ] && kill -0 "$(cat /run/dovecot/master.pid)" 2>/dev/null; then
  doveadm reload
else
  dovecot
fi
if postfix status >/dev/null 2>&1; then
  postfix reload >/dev/null 2>&1
else
  postfix start >/dev/null 2>&1
fi

# Wait until both answer.
for _ in $(seq 1 30); do
  if (exec 3<>/dev/tcp/127.0.0.1/25) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/143) 2>/dev/null; then
    echo "mail-setup: postfix on 127.0.0.1:25 and dovecot on 127.0.0.1:143 are up"
    exit 0
  fi
  sleep 1
done
echo "mail-setup: the mail servers did not come up" >&2
exit 1
