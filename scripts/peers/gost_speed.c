/*
 * GOST R 34.10-2012 sign and verify speed of OpenSSL with Debian's gost
 * engine, for scripts/bench: `openssl speed` in OpenSSL 3.0 has no GOST
 * signature algorithms, so this measures EVP_PKEY_sign / EVP_PKEY_verify on
 * a digest (what signet's sign_digest / verify_digest do), one core, CPU
 * time. The engine is loaded through OPENSSL_CONF.
 *
 *   cc -O2 gost_speed.c -lcrypto -o gost_speed
 *   OPENSSL_CONF=gost.cnf ./gost_speed gost2012_256 A 3
 *
 * Prints: <algorithm> <paramset> <sign/s> <verify/s>
 */
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void fail(const char *what) {
    fprintf(stderr, "gost_speed: %s\n", what);
    ERR_print_errors_fp(stderr);
    exit(1);
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: gost_speed ALGORITHM PARAMSET SECONDS\n");
        return 2;
    }
    const char *alg = argv[1], *paramset = argv[2];
    double seconds = atof(argv[3]);
    OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, NULL);
    int nid = OBJ_txt2nid(alg);
    if (nid == NID_undef) fail("unknown algorithm (is the gost engine configured?)");
    EVP_PKEY_CTX *kctx = EVP_PKEY_CTX_new_id(nid, NULL);
    if (!kctx || EVP_PKEY_keygen_init(kctx) <= 0) fail("keygen init");
    if (EVP_PKEY_CTX_ctrl_str(kctx, "paramset", paramset) <= 0) fail("paramset");
    EVP_PKEY *key = NULL;
    if (EVP_PKEY_keygen(kctx, &key) <= 0) fail("keygen");
    size_t dlen = strstr(alg, "512") ? 64 : 32;
    unsigned char digest[64];
    for (size_t i = 0; i < sizeof digest; i++) digest[i] = (unsigned char)(0xA5 ^ i);
    unsigned char sig[256];
    size_t siglen = sizeof sig;

    EVP_PKEY_CTX *sctx = EVP_PKEY_CTX_new(key, NULL);
    if (!sctx || EVP_PKEY_sign_init(sctx) <= 0) fail("sign init");
    long signs = 0;
    double start = cpu_seconds(), elapsed = 0;
    do {
        siglen = sizeof sig;
        if (EVP_PKEY_sign(sctx, sig, &siglen, digest, dlen) <= 0) fail("sign");
        signs++;
        if ((signs & 63) == 0) elapsed = cpu_seconds() - start;
    } while (elapsed < seconds);
    elapsed = cpu_seconds() - start;
    double sign_rate = signs / elapsed;

    EVP_PKEY_CTX *vctx = EVP_PKEY_CTX_new(key, NULL);
    if (!vctx || EVP_PKEY_verify_init(vctx) <= 0) fail("verify init");
    long verifies = 0;
    start = cpu_seconds();
    elapsed = 0;
    do {
        if (EVP_PKEY_verify(vctx, sig, siglen, digest, dlen) != 1) fail("verify");
        verifies++;
        if ((verifies & 15) == 0) elapsed = cpu_seconds() - start;
    } while (elapsed < seconds);
    elapsed = cpu_seconds() - start;
    printf("%s %s %.0f %.0f\n", alg, paramset, sign_rate, verifies / elapsed);
    return 0;
}
