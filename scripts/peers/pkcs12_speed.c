/*
 * How many times a second OpenSSL opens a PKCS#12 file (PKCS12_parse: the
 * MAC check and the decryption of the key and certificate bags, i.e. the
 * password-based key derivations), one core, CPU time. scripts/bench's
 * ticket section uses it as the raw cost of the keyStore a signing flow
 * uploads.
 *
 *   cc -O2 pkcs12_speed.c -lcrypto -o pkcs12_speed
 *   ./pkcs12_speed key.p12 PASSWORD 3
 *
 * Prints: <opens/s>
 */
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double cpu_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: pkcs12_speed FILE PASSWORD SECONDS\n");
        return 2;
    }
    double seconds = atof(argv[3]);
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    PKCS12 *p12 = d2i_PKCS12_fp(f, NULL);
    fclose(f);
    if (!p12) {
        fprintf(stderr, "pkcs12_speed: not a PKCS#12 file\n");
        ERR_print_errors_fp(stderr);
        return 1;
    }
    long opens = 0;
    double start = cpu_seconds(), elapsed = 0;
    do {
        EVP_PKEY *key = NULL;
        X509 *cert = NULL;
        STACK_OF(X509) *ca = NULL;
        if (!PKCS12_parse(p12, argv[2], &key, &cert, &ca)) {
            fprintf(stderr, "pkcs12_speed: PKCS12_parse failed\n");
            ERR_print_errors_fp(stderr);
            return 1;
        }
        EVP_PKEY_free(key);
        X509_free(cert);
        sk_X509_pop_free(ca, X509_free);
        opens++;
        elapsed = cpu_seconds() - start;
    } while (elapsed < seconds);
    printf("%.1f\n", opens / elapsed);
    PKCS12_free(p12);
    return 0;
}
