/*
 * X25519 (RFC 7748) and Ed25519 (RFC 8032) for the guests' dropbear, in place of the source
 * package's curve25519.c, with the same four functions (curve25519.h).
 *
 * Why: dropbear's own version keeps a field element in sixteen 16-bit limbs and multiplies them
 * 256 times per field product. Under emulation the key exchange and the check of the login's
 * signature are then the largest parts of reaching SSH. Here an element is five 51-bit limbs, a
 * product 25 multiplications with 128-bit results.
 *
 * Scalars modulo the group order go through libtommath, which dropbear links anyway; hashing is
 * libtomcrypt's SHA-512. Operations on secret scalars (the ladder, signing) do not branch on
 * their bits.
 */
#include "includes.h"
#include "dbrandom.h"
#include "curve25519.h"
#include "bignum.h"
#include "dbutil.h"

#if DROPBEAR_CURVE25519 || DROPBEAR_ED25519

typedef uint64_t u64;
typedef unsigned __int128 u128;

#define MASK51 ((((u64)1) << 51) - 1)

/* An element of GF(2^255 - 19): value = v[0] + v[1] 2^51 + ... + v[4] 2^204, limbs a little over 51 bits. */
typedef struct { u64 v[5]; } fe;

static void fe_set(fe *h, u64 small) {
  h->v[0] = small;
  h->v[1] = h->v[2] = h->v[3] = h->v[4] = 0;
}

/* Carries each limb's excess into the next one; the top limb's wraps around times 19. */
static void fe_carry(fe *h) {
  u64 c;
  c = h->v[0] >> 51; h->v[0] &= MASK51; h->v[1] += c;
  c = h->v[1] >> 51; h->v[1] &= MASK51; h->v[2] += c;
  c = h->v[2] >> 51; h->v[2] &= MASK51; h->v[3] += c;
  c = h->v[3] >> 51; h->v[3] &= MASK51; h->v[4] += c;
  c = h->v[4] >> 51; h->v[4] &= MASK51; h->v[0] += 19 * c;
}

static void fe_add(fe *h, const fe *f, const fe *g) {
  for (int i = 0; i < 5; i++) h->v[i] = f->v[i] + g->v[i];
  fe_carry(h);
}

/* f - g, computed as f + 4p - g so that no limb goes below zero (g's limbs are under 2^52). */
static void fe_sub(fe *h, const fe *f, const fe *g) {
  h->v[0] = f->v[0] + 4 * (MASK51 - 18) - g->v[0];
  for (int i = 1; i < 5; i++) h->v[i] = f->v[i] + 4 * MASK51 - g->v[i];
  fe_carry(h);
}

static void fe_neg(fe *h, const fe *f) {
  fe zero;
  fe_set(&zero, 0);
  fe_sub(h, &zero, f);
}

/* The limbs of a product, carried from 128-bit sums back into 51 bits each. */
static void fe_from_wide(fe *h, u128 r0, u128 r1, u128 r2, u128 r3, u128 r4) {
  r1 += (u64)(r0 >> 51);
  r2 += (u64)(r1 >> 51);
  r3 += (u64)(r2 >> 51);
  r4 += (u64)(r3 >> 51);
  u64 c = (u64)(r4 >> 51);
  h->v[0] = ((u64)r0 & MASK51) + 19 * c;
  h->v[1] = (u64)r1 & MASK51;
  h->v[2] = (u64)r2 & MASK51;
  h->v[3] = (u64)r3 & MASK51;
  h->v[4] = (u64)r4 & MASK51;
  c = h->v[0] >> 51;
  h->v[0] &= MASK51;
  h->v[1] += c;
}

static void fe_mul(fe *h, const fe *f, const fe *g) {
  const u64 f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
  const u64 g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3], g4 = g->v[4];
  /* 2^255 = 19 (mod p): products that reach past 2^255 come back times 19 */
  const u64 g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
  u128 r0 = (u128)f0 * g0 + (u128)f1 * g4_19 + (u128)f2 * g3_19 + (u128)f3 * g2_19 + (u128)f4 * g1_19;
  u128 r1 = (u128)f0 * g1 + (u128)f1 * g0 + (u128)f2 * g4_19 + (u128)f3 * g3_19 + (u128)f4 * g2_19;
  u128 r2 = (u128)f0 * g2 + (u128)f1 * g1 + (u128)f2 * g0 + (u128)f3 * g4_19 + (u128)f4 * g3_19;
  u128 r3 = (u128)f0 * g3 + (u128)f1 * g2 + (u128)f2 * g1 + (u128)f3 * g0 + (u128)f4 * g4_19;
  u128 r4 = (u128)f0 * g4 + (u128)f1 * g3 + (u128)f2 * g2 + (u128)f3 * g1 + (u128)f4 * g0;
  fe_from_wide(h, r0, r1, r2, r3, r4);
}

static void fe_sq(fe *h, const fe *f) {
  const u64 f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
  const u64 d0 = 2 * f0, d1 = 2 * f1, d2 = 2 * f2;
  const u64 f3_19 = 19 * f3, f4_19 = 19 * f4;
  u128 r0 = (u128)f0 * f0 + (u128)d1 * f4_19 + (u128)d2 * f3_19;
  u128 r1 = (u128)d0 * f1 + (u128)d2 * f4_19 + (u128)f3 * f3_19;
  u128 r2 = (u128)d0 * f2 + (u128)f1 * f1 + (u128)(2 * f3) * f4_19;
  u128 r3 = (u128)d0 * f3 + (u128)d1 * f2 + (u128)f4 * f4_19;
  u128 r4 = (u128)d0 * f4 + (u128)d1 * f3 + (u128)f2 * f2;
  fe_from_wide(h, r0, r1, r2, r3, r4);
}

static void fe_sq_times(fe *h, const fe *f, int n) {
  fe_sq(h, f);
  while (--n > 0) fe_sq(h, h);
}

/* z^(2^250 - 1), and z^11 on the way: the common part of inversion and of the square root. */
static void fe_pow_2_250_1(fe *out, fe *z11, const fe *z) {
  fe z2, z9, t, z5_0, z10_0, z20_0, z50_0, z100_0;
  fe_sq(&z2, z);
  fe_sq_times(&t, &z2, 2);
  fe_mul(&z9, &t, z);
  fe_mul(z11, &z9, &z2);
  fe_sq(&t, z11);
  fe_mul(&z5_0, &t, &z9);                                  /* 2^5 - 1 */
  fe_sq_times(&t, &z5_0, 5);
  fe_mul(&z10_0, &t, &z5_0);                               /* 2^10 - 1 */
  fe_sq_times(&t, &z10_0, 10);
  fe_mul(&z20_0, &t, &z10_0);                              /* 2^20 - 1 */
  fe_sq_times(&t, &z20_0, 20);
  fe_mul(&t, &t, &z20_0);                                  /* 2^40 - 1 */
  fe_sq_times(&t, &t, 10);
  fe_mul(&z50_0, &t, &z10_0);                              /* 2^50 - 1 */
  fe_sq_times(&t, &z50_0, 50);
  fe_mul(&z100_0, &t, &z50_0);                             /* 2^100 - 1 */
  fe_sq_times(&t, &z100_0, 100);
  fe_mul(&t, &t, &z100_0);                                 /* 2^200 - 1 */
  fe_sq_times(&t, &t, 50);
  fe_mul(out, &t, &z50_0);                                 /* 2^250 - 1 */
}

/* 1/z = z^(p - 2) = z^(2^255 - 21) */
static void fe_invert(fe *out, const fe *z) {
  fe t, z11;
  fe_pow_2_250_1(&t, &z11, z);
  fe_sq_times(&t, &t, 5);
  fe_mul(out, &t, &z11);
}

/* z^((p - 5) / 8) = z^(2^252 - 3) */
static void fe_pow2523(fe *out, const fe *z) {
  fe t, z11;
  fe_pow_2_250_1(&t, &z11, z);
  fe_sq_times(&t, &t, 2);
  fe_mul(out, &t, z);
}

static u64 load64_le(const unsigned char *p) {
  u64 r = 0;
  for (int i = 7; i >= 0; i--) r = (r << 8) | p[i];
  return r;
}

/* The low 255 bits of a 32-byte little-endian number (the top bit is ignored). */
static void fe_frombytes(fe *h, const unsigned char *s) {
  h->v[0] = load64_le(s) & MASK51;
  h->v[1] = (load64_le(s + 6) >> 3) & MASK51;
  h->v[2] = (load64_le(s + 12) >> 6) & MASK51;
  h->v[3] = (load64_le(s + 19) >> 1) & MASK51;
  h->v[4] = (load64_le(s + 24) >> 12) & MASK51;
}

/* The canonical encoding: the value reduced below p, 32 bytes little-endian. */
static void fe_tobytes(unsigned char *s, const fe *f) {
  fe h = *f;
  fe_carry(&h);
  fe_carry(&h);
  /* now h < 2^255 + small; q = 1 when h >= p, i.e. when h + 19 reaches 2^255 */
  u64 q = (h.v[0] + 19) >> 51;
  q = (h.v[1] + q) >> 51;
  q = (h.v[2] + q) >> 51;
  q = (h.v[3] + q) >> 51;
  q = (h.v[4] + q) >> 51;
  h.v[0] += 19 * q;
  u64 c;
  c = h.v[0] >> 51; h.v[0] &= MASK51; h.v[1] += c;
  c = h.v[1] >> 51; h.v[1] &= MASK51; h.v[2] += c;
  c = h.v[2] >> 51; h.v[2] &= MASK51; h.v[3] += c;
  c = h.v[3] >> 51; h.v[3] &= MASK51; h.v[4] += c;
  h.v[4] &= MASK51; /* drops the 2^255 that subtracting p leaves */
  u64 w[4];
  w[0] = h.v[0] | h.v[1] << 51;
  w[1] = h.v[1] >> 13 | h.v[2] << 38;
  w[2] = h.v[2] >> 26 | h.v[3] << 25;
  w[3] = h.v[3] >> 39 | h.v[4] << 12;
  for (int i = 0; i < 4; i++) {
    for (int b = 0; b < 8; b++) s[8 * i + b] = (unsigned char)(w[i] >> (8 * b));
  }
}

/* Swaps f and g when swap is 1, without a branch. */
static void fe_cswap(fe *f, fe *g, u64 swap) {
  u64 m = 0 - swap;
  for (int i = 0; i < 5; i++) {
    u64 x = m & (f->v[i] ^ g->v[i]);
    f->v[i] ^= x;
    g->v[i] ^= x;
  }
}

static int fe_isnegative(const fe *f) {
  unsigned char s[32];
  fe_tobytes(s, f);
  return s[0] & 1;
}

static int fe_equal(const fe *f, const fe *g) {
  unsigned char a[32], b[32];
  fe_tobytes(a, f);
  fe_tobytes(b, g);
  return memcmp(a, b, 32) == 0;
}

static int fe_iszero(const fe *f) {
  fe zero;
  fe_set(&zero, 0);
  return fe_equal(f, &zero);
}

#if DROPBEAR_CURVE25519
void dropbear_curve25519_scalarmult(unsigned char *q, const unsigned char *n, const unsigned char *p) {
  unsigned char k[32];
  memcpy(k, n, 32);
  k[0] &= 248;
  k[31] &= 127;
  k[31] |= 64;
  fe x1, x2, z2, x3, z3, a, aa, b, bb, e, c, d, da, cb, t, a24;
  fe_frombytes(&x1, p);
  fe_set(&x2, 1);
  fe_set(&z2, 0);
  x3 = x1;
  fe_set(&z3, 1);
  fe_set(&a24, 121665);
  u64 swap = 0;
  for (int i = 254; i >= 0; i--) {
    u64 bit = (k[i >> 3] >> (i & 7)) & 1;
    swap ^= bit;
    fe_cswap(&x2, &x3, swap);
    fe_cswap(&z2, &z3, swap);
    swap = bit;
    fe_add(&a, &x2, &z2);
    fe_sq(&aa, &a);
    fe_sub(&b, &x2, &z2);
    fe_sq(&bb, &b);
    fe_sub(&e, &aa, &bb);
    fe_add(&c, &x3, &z3);
    fe_sub(&d, &x3, &z3);
    fe_mul(&da, &d, &a);
    fe_mul(&cb, &c, &b);
    fe_add(&t, &da, &cb);
    fe_sq(&x3, &t);
    fe_sub(&t, &da, &cb);
    fe_sq(&t, &t);
    fe_mul(&z3, &x1, &t);
    fe_mul(&x2, &aa, &bb);
    fe_mul(&t, &a24, &e);
    fe_add(&t, &aa, &t);
    fe_mul(&z2, &e, &t);
  }
  fe_cswap(&x2, &x3, swap);
  fe_cswap(&z2, &z3, swap);
  fe_invert(&z2, &z2);
  fe_mul(&x2, &x2, &z2);
  fe_tobytes(q, &x2);
}
#endif /* DROPBEAR_CURVE25519 */

#if DROPBEAR_ED25519

/* A point of the twisted Edwards curve -x^2 + y^2 = 1 + d x^2 y^2: x = X/Z, y = Y/Z, xy = T/Z. */
typedef struct { fe X, Y, Z, T; } point;

/* Constants of the curve, worked out from its definition on first use. */
static fe curve_d, curve_2d, sqrt_m1;
static point base_point;
static mp_int group_order;
static int constants_ready;

static void fe_pow_bytes(fe *out, const fe *z, const unsigned char *e) {
  fe r;
  fe_set(&r, 1);
  for (int i = 255; i >= 0; i--) {
    fe_sq(&r, &r);
    if ((e[i >> 3] >> (i & 7)) & 1) fe_mul(&r, &r, z);
  }
  *out = r;
}

static void point_add(point *r, const point *p, const point *q) {
  fe a, b, c, d, e, f, g, h, t;
  fe_sub(&a, &p->Y, &p->X);
  fe_sub(&t, &q->Y, &q->X);
  fe_mul(&a, &a, &t);
  fe_add(&b, &p->Y, &p->X);
  fe_add(&t, &q->Y, &q->X);
  fe_mul(&b, &b, &t);
  fe_mul(&c, &p->T, &q->T);
  fe_mul(&c, &c, &curve_2d);
  fe_mul(&d, &p->Z, &q->Z);
  fe_add(&d, &d, &d);
  fe_sub(&e, &b, &a);
  fe_sub(&f, &d, &c);
  fe_add(&g, &d, &c);
  fe_add(&h, &b, &a);
  fe_mul(&r->X, &e, &f);
  fe_mul(&r->Y, &g, &h);
  fe_mul(&r->T, &e, &h);
  fe_mul(&r->Z, &f, &g);
}

static void point_identity(point *p) {
  fe_set(&p->X, 0);
  fe_set(&p->Y, 1);
  fe_set(&p->Z, 1);
  fe_set(&p->T, 0);
}

static void point_cswap(point *p, point *q, u64 swap) {
  fe_cswap(&p->X, &q->X, swap);
  fe_cswap(&p->Y, &q->Y, swap);
  fe_cswap(&p->Z, &q->Z, swap);
  fe_cswap(&p->T, &q->T, swap);
}

static void point_encode(unsigned char *s, const point *p) {
  fe zi, x, y;
  fe_invert(&zi, &p->Z);
  fe_mul(&x, &p->X, &zi);
  fe_mul(&y, &p->Y, &zi);
  fe_tobytes(s, &y);
  s[31] |= (unsigned char)(fe_isnegative(&x) << 7);
}

/* Decodes a point (RFC 8032, 5.1.3); returns -1 for bytes that encode none. */
static int point_decode(point *p, const unsigned char *s) {
  unsigned char check[32];
  fe y, u, v, v3, x, vxx, t, one;
  int sign = s[31] >> 7;
  fe_frombytes(&y, s);
  fe_tobytes(check, &y);
  check[31] |= (unsigned char)(sign << 7);
  if (memcmp(check, s, 32) != 0) return -1; /* y not below p */
  fe_set(&one, 1);
  fe_sq(&u, &y);
  fe_mul(&v, &u, &curve_d);
  fe_sub(&u, &u, &one);                      /* u = y^2 - 1 */
  fe_add(&v, &v, &one);                      /* v = d y^2 + 1 */
  fe_sq(&v3, &v);
  fe_mul(&v3, &v3, &v);                      /* v^3 */
  fe_sq(&t, &v3);
  fe_mul(&t, &t, &v);
  fe_mul(&t, &t, &u);                        /* u v^7 */
  fe_pow2523(&t, &t);
  fe_mul(&t, &t, &v3);
  fe_mul(&x, &t, &u);                        /* x = u v^3 (u v^7)^((p-5)/8) */
  fe_sq(&vxx, &x);
  fe_mul(&vxx, &vxx, &v);
  if (!fe_equal(&vxx, &u)) {
    fe_neg(&t, &u);
    if (!fe_equal(&vxx, &t)) return -1;
    fe_mul(&x, &x, &sqrt_m1);
  }
  if (fe_iszero(&x) && sign) return -1;
  if (fe_isnegative(&x) != sign) fe_neg(&x, &x);
  p->X = x;
  p->Y = y;
  fe_set(&p->Z, 1);
  fe_mul(&p->T, &x, &y);
  return 0;
}

static void init_constants(void) {
  if (constants_ready) return;
  fe t, four, five;
  fe_set(&t, 121666);
  fe_invert(&t, &t);
  fe_set(&curve_d, 121665);
  fe_neg(&curve_d, &curve_d);
  fe_mul(&curve_d, &curve_d, &t);            /* d = -121665 / 121666 */
  fe_add(&curve_2d, &curve_d, &curve_d);
  unsigned char e[32];
  memset(e, 0xff, 32);                       /* (p - 1) / 4 = 2^253 - 5 */
  e[0] = 0xfb;
  e[31] = 0x1f;
  fe_set(&t, 2);
  fe_pow_bytes(&sqrt_m1, &t, e);             /* 2^((p-1)/4) is a square root of -1 */
  fe_set(&four, 4);
  fe_set(&five, 5);
  fe_invert(&five, &five);
  fe_mul(&t, &four, &five);                  /* the base point has y = 4/5 and an even x */
  unsigned char b[32];
  fe_tobytes(b, &t);
  point_decode(&base_point, b);
  m_mp_init(&group_order);                   /* 2^252 + 27742317777372353535851937790883648493 */
  if (mp_read_radix(&group_order, "1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed", 16) != MP_OKAY) {
    dropbear_exit("ed25519: group order");
  }
  constants_ready = 1;
}

/* [k] p for a 256-bit little-endian k, the same steps whatever its bits. */
static void point_mul(point *r, const unsigned char *k, const point *p) {
  point q, sum;
  point_identity(&q);
  for (int i = 255; i >= 0; i--) {
    u64 bit = (k[i >> 3] >> (i & 7)) & 1;
    point_add(&q, &q, &q);
    point_add(&sum, &q, p);
    point_cswap(&q, &sum, bit);
  }
  *r = q;
}

static void little_endian_to_mp(mp_int *m, const unsigned char *s, size_t n) {
  unsigned char be[64];
  for (size_t i = 0; i < n; i++) be[i] = s[n - 1 - i];
  if (mp_from_ubin(m, be, n) != MP_OKAY) dropbear_exit("ed25519: scalar");
}

static void mp_to_little_endian32(unsigned char *s, const mp_int *m) {
  unsigned char be[32];
  size_t len = mp_ubin_size(m);
  memset(be, 0, 32);
  if (len > 32 || mp_to_ubin(m, be + 32 - len, len, NULL) != MP_OKAY) dropbear_exit("ed25519: scalar");
  for (int i = 0; i < 32; i++) s[i] = be[31 - i];
}

/* out = SHA-512(a || b || c) reduced modulo the group order, little-endian. */
static void hash_to_scalar(unsigned char *out, const unsigned char *a, unsigned long alen,
                           const unsigned char *b, unsigned long blen, const unsigned char *c, unsigned long clen) {
  hash_state hs;
  unsigned char h[64];
  mp_int m;
  sha512_init(&hs);
  if (alen) sha512_process(&hs, a, alen);
  if (blen) sha512_process(&hs, b, blen);
  if (clen) sha512_process(&hs, c, clen);
  sha512_done(&hs, h);
  m_mp_init(&m);
  little_endian_to_mp(&m, h, 64);
  if (mp_mod(&m, &group_order, &m) != MP_OKAY) dropbear_exit("ed25519: scalar");
  mp_to_little_endian32(out, &m);
  mp_clear(&m);
}

/* The secret scalar (clamped) and the nonce prefix of a 32-byte secret key. */
static void expand_secret(unsigned char *scalar, unsigned char *prefix, const unsigned char *sk) {
  hash_state hs;
  unsigned char h[64];
  sha512_init(&hs);
  sha512_process(&hs, sk, 32);
  sha512_done(&hs, h);
  h[0] &= 248;
  h[31] &= 127;
  h[31] |= 64;
  memcpy(scalar, h, 32);
  if (prefix) memcpy(prefix, h + 32, 32);
  m_burn(h, sizeof h);
}

void dropbear_ed25519_make_key(unsigned char *pk, unsigned char *sk) {
  unsigned char a[32];
  point A;
  init_constants();
  genrandom(sk, 32);
  expand_secret(a, NULL, sk);
  point_mul(&A, a, &base_point);
  point_encode(pk, &A);
  m_burn(a, sizeof a);
}

void dropbear_ed25519_sign(const unsigned char *m, unsigned long mlen, unsigned char *s, unsigned long *slen,
                           const unsigned char *sk, const unsigned char *pk) {
  unsigned char a[32], prefix[32], r[32], k[32];
  point R;
  mp_int ma, mk, mr;
  init_constants();
  expand_secret(a, prefix, sk);
  hash_to_scalar(r, prefix, 32, m, mlen, NULL, 0);
  point_mul(&R, r, &base_point);
  point_encode(s, &R);
  hash_to_scalar(k, s, 32, pk, 32, m, mlen);
  m_mp_init_multi(&ma, &mk, &mr, NULL);
  little_endian_to_mp(&ma, a, 32);
  little_endian_to_mp(&mk, k, 32);
  little_endian_to_mp(&mr, r, 32);
  /* S = (r + k a) mod L */
  if (mp_mul(&mk, &ma, &mk) != MP_OKAY || mp_add(&mk, &mr, &mk) != MP_OKAY
      || mp_mod(&mk, &group_order, &mk) != MP_OKAY) {
    dropbear_exit("ed25519: scalar");
  }
  mp_to_little_endian32(s + 32, &mk);
  *slen = 64;
  mp_clear_multi(&ma, &mk, &mr, NULL);
  m_burn(a, sizeof a);
  m_burn(prefix, sizeof prefix);
  m_burn(r, sizeof r);
}

#if DROPBEAR_SIGNKEY_VERIFY
/* 0 when s is a valid signature of m by pk, -1 otherwise. */
int dropbear_ed25519_verify(const unsigned char *m, unsigned long mlen, const unsigned char *s, unsigned long slen,
                            const unsigned char *pk) {
  unsigned char k[32], check[32];
  point A, minus_A, sB, kA, R;
  mp_int S;
  int below_order;
  if (slen != 64) return -1;
  init_constants();
  /* S must be below the group order */
  m_mp_init(&S);
  little_endian_to_mp(&S, s + 32, 32);
  below_order = mp_cmp(&S, &group_order) == MP_LT;
  mp_clear(&S);
  if (!below_order) return -1;
  if (point_decode(&A, pk) != 0) return -1;
  hash_to_scalar(k, s, 32, pk, 32, m, mlen);
  /* R = [S]B - [k]A, then compare its encoding with the signature's */
  point_mul(&sB, s + 32, &base_point);
  fe_neg(&minus_A.X, &A.X);
  minus_A.Y = A.Y;
  minus_A.Z = A.Z;
  fe_neg(&minus_A.T, &A.T);
  point_mul(&kA, k, &minus_A);
  point_add(&R, &sB, &kA);
  point_encode(check, &R);
  return memcmp(check, s, 32) == 0 ? 0 : -1;
}
#endif /* DROPBEAR_SIGNKEY_VERIFY */

#endif /* DROPBEAR_ED25519 */

#endif /* DROPBEAR_CURVE25519 || DROPBEAR_ED25519 */
