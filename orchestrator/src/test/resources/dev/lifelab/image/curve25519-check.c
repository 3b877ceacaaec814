/*
 * Checks the image's curve25519.c against the dropbear package's own, linked side by side (the
 * package's functions renamed with a "package_" prefix), and against published test vectors.
 * Prints one line per disagreement and a summary; exits 0 only when there is none.
 *
 *   curve25519-check [CASES]
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tommath.h"

void dropbear_curve25519_scalarmult(unsigned char *q, const unsigned char *n, const unsigned char *p);
void dropbear_ed25519_make_key(unsigned char *pk, unsigned char *sk);
void dropbear_ed25519_sign(const unsigned char *m, unsigned long mlen, unsigned char *s, unsigned long *slen,
                           const unsigned char *sk, const unsigned char *pk);
int dropbear_ed25519_verify(const unsigned char *m, unsigned long mlen, const unsigned char *s, unsigned long slen,
                            const unsigned char *pk);
void package_dropbear_curve25519_scalarmult(unsigned char *q, const unsigned char *n, const unsigned char *p);
void package_dropbear_ed25519_make_key(unsigned char *pk, unsigned char *sk);
void package_dropbear_ed25519_sign(const unsigned char *m, unsigned long mlen, unsigned char *s,
                                   unsigned long *slen, const unsigned char *sk, const unsigned char *pk);
int package_dropbear_ed25519_verify(const unsigned char *m, unsigned long mlen, const unsigned char *s,
                                    unsigned long slen, const unsigned char *pk);

/* What dropbear's other files would provide. Random bytes are a fixed sequence: a failure repeats. */
static unsigned long long state = 0x9e3779b97f4a7c15ULL;
static unsigned char next_byte(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return (unsigned char)(state >> 24);
}
void genrandom(unsigned char *buf, unsigned int len) {
  for (unsigned int i = 0; i < len; i++) buf[i] = next_byte();
}
void dropbear_exit(const char *format, ...) {
  va_list args;
  va_start(args, format);
  vfprintf(stderr, format, args);
  va_end(args);
  fputc('\n', stderr);
  exit(2);
}
void m_burn(void *data, unsigned int len) { memset(data, 0, len); }
void *m_calloc(size_t n, size_t size) { return calloc(n, size); }
void *m_realloc_ltm(void *p, size_t old_size, size_t new_size) { (void)old_size; return realloc(p, new_size); }
void m_free_ltm(void *p, size_t size) { (void)size; free(p); }
void m_mp_init(mp_int *mp) {
  if (mp_init(mp) != MP_OKAY) dropbear_exit("mp_init");
}
void m_mp_init_multi(mp_int *mp, ...) {
  va_list args;
  va_start(args, mp);
  for (mp_int *m = mp; m != NULL; m = va_arg(args, mp_int *)) m_mp_init(m);
  va_end(args);
}

static int failures;

static void fail(const char *what, int at) {
  printf("FAIL %s (case %d)\n", what, at);
  failures++;
}

static void from_hex(unsigned char *out, const char *hex) {
  for (size_t i = 0; hex[2 * i] != 0; i++) sscanf(hex + 2 * i, "%2hhx", &out[i]);
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* RFC 7748, section 5.2 (first vector) and RFC 8032, section 7.1 (test 1, the empty message). */
static void published_vectors(void) {
  unsigned char k[32], u[32], expected[64], out[64], pk[32], sk[32];
  unsigned long slen = 64;
  from_hex(k, "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
  from_hex(u, "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
  from_hex(expected, "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
  dropbear_curve25519_scalarmult(out, k, u);
  if (memcmp(out, expected, 32) != 0) fail("RFC 7748 X25519 vector", 0);

  from_hex(sk, "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  from_hex(pk, "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  from_hex(expected, "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                     "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  dropbear_ed25519_sign((const unsigned char *)"", 0, out, &slen, sk, pk);
  if (slen != 64 || memcmp(out, expected, 64) != 0) fail("RFC 8032 Ed25519 signature", 0);
  if (dropbear_ed25519_verify((const unsigned char *)"", 0, expected, 64, pk) != 0) {
    fail("RFC 8032 Ed25519 verification", 0);
  }
}

static void random_case(int i) {
  unsigned char k[32], u[32], q1[32], q2[32];
  genrandom(k, 32);
  genrandom(u, 32);
  if (i % 3 == 0) u[31] |= 0x80;                 /* the top bit of u is to be ignored */
  if (i % 5 == 0) {                              /* u at or above p: not reduced by the sender */
    memset(u, 0xff, 32);
    u[31] = 0x7f;
    u[0] = (unsigned char)(0xed + i % 19);
  }
  dropbear_curve25519_scalarmult(q1, k, u);
  package_dropbear_curve25519_scalarmult(q2, k, u);
  if (memcmp(q1, q2, 32) != 0) fail("X25519 differs from the package's", i);

  unsigned char pk1[32], sk1[32], pk2[32], sk2[32], s1[64], s2[64], m[256];
  unsigned long l1 = 64, l2 = 64, mlen = next_byte();
  unsigned long long before = state;
  dropbear_ed25519_make_key(pk1, sk1);
  state = before;
  package_dropbear_ed25519_make_key(pk2, sk2);
  if (memcmp(sk1, sk2, 32) != 0 || memcmp(pk1, pk2, 32) != 0) fail("Ed25519 public key differs", i);
  genrandom(m, mlen);
  dropbear_ed25519_sign(m, mlen, s1, &l1, sk1, pk1);
  package_dropbear_ed25519_sign(m, mlen, s2, &l2, sk2, pk2);
  if (l1 != 64 || memcmp(s1, s2, 64) != 0) fail("Ed25519 signature differs", i);
  if (dropbear_ed25519_verify(m, mlen, s1, 64, pk1) != 0) fail("a good signature is refused", i);
  if (package_dropbear_ed25519_verify(m, mlen, s1, 64, pk1) != 0) fail("the package refuses the signature", i);

  unsigned char bad[64], other_key[32], other_message[256];
  memcpy(bad, s1, 64);
  bad[next_byte() % 64] ^= (unsigned char)(1 << (next_byte() % 8));
  if (dropbear_ed25519_verify(m, mlen, bad, 64, pk1) == 0) fail("a changed signature is accepted", i);
  memcpy(other_key, pk1, 32);
  other_key[next_byte() % 32] ^= 0x04;
  if (dropbear_ed25519_verify(m, mlen, s1, 64, other_key) == 0) fail("another key is accepted", i);
  if (mlen > 0) {
    memcpy(other_message, m, mlen);
    other_message[next_byte() % mlen] ^= 0x01;
    if (dropbear_ed25519_verify(other_message, mlen, s1, 64, pk1) == 0) fail("another message is accepted", i);
  }
  if (dropbear_ed25519_verify(m, mlen, s1, 63, pk1) == 0) fail("a short signature is accepted", i);
}

int main(int argc, char **argv) {
  int cases = argc > 1 ? atoi(argv[1]) : 500;
  published_vectors();
  for (int i = 0; i < cases; i++) random_case(i);

  unsigned char k[32], u[32], q[32], pk[32], sk[32], s[64], m[64] = {0};
  unsigned long slen = 64;
  genrandom(k, 32);
  genrandom(u, 32);
  dropbear_ed25519_make_key(pk, sk);
  double t[7];
  t[0] = now_ms();
  for (int i = 0; i < 20; i++) dropbear_curve25519_scalarmult(q, k, u);
  t[1] = now_ms();
  for (int i = 0; i < 20; i++) package_dropbear_curve25519_scalarmult(q, k, u);
  t[2] = now_ms();
  for (int i = 0; i < 20; i++) dropbear_ed25519_sign(m, sizeof m, s, &slen, sk, pk);
  t[3] = now_ms();
  for (int i = 0; i < 20; i++) package_dropbear_ed25519_sign(m, sizeof m, s, &slen, sk, pk);
  t[4] = now_ms();
  for (int i = 0; i < 20; i++) dropbear_ed25519_verify(m, sizeof m, s, 64, pk);
  t[5] = now_ms();
  for (int i = 0; i < 20; i++) package_dropbear_ed25519_verify(m, sizeof m, s, 64, pk);
  t[6] = now_ms();
  printf("%d random cases, %d failures\n", cases, failures);
  printf("ms per operation, image / package: X25519 %.3f / %.3f, sign %.3f / %.3f, verify %.3f / %.3f\n",
         (t[1] - t[0]) / 20, (t[2] - t[1]) / 20, (t[3] - t[2]) / 20, (t[4] - t[3]) / 20, (t[5] - t[4]) / 20,
         (t[6] - t[5]) / 20);
  return failures == 0 ? 0 : 1;
}
