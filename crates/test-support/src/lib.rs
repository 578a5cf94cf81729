//! Test material made by independent implementations.
//!
//! signet's parsers are checked against what other tools make and print,
//! never against material signet made itself. This crate wraps those tools
//! for tests:
//!
//! - [`Openssl`] drives the `openssl` 3 command line in a temporary
//!   directory: it generates keys (RSA, ECDSA P-256 / P-384, Ed25519, and
//!   GOST R 34.10-2012 through Debian's gost engine), makes self-signed and
//!   CA-issued certificates with any subject and v3 extensions
//!   ([`CertSpec`]), exports keys as PKCS #12, starts `openssl ocsp`, runs
//!   any other command with or without the gost engine, and reports what
//!   OpenSSL itself reads in a certificate (`openssl x509 -text`,
//!   `-serial`, `-fingerprint`, `-dates`, …), so a test can compare
//!   signet's fields with OpenSSL's.
//! - Small parsers of OpenSSL's text output: names
//!   ([`parse_multiline_name`]), the extension list of `-text`
//!   ([`x509_text_extensions`]), labelled values and blocks ([`text_value`],
//!   [`text_block`]), GeneralNames ([`split_general_names`]) and times
//!   ([`openssl_time_to_iso`]).
//! - [`pki`]: a small CA, CMS signatures and time-stamps made with OpenSSL;
//!   [`net`]: HTTP peers on 127.0.0.1; [`der_tree`]: a DER tree to take
//!   signet's output apart independently; [`ua_testdata`]: the public
//!   Ukrainian test files and the npm packages of the independent Ukrainian
//!   implementations; [`sample`]: deterministic test data.
//!
//! This is test code: every failure panics with a message that says what
//! was run and, when a tool is missing, which Debian package provides it
//! (`openssl`, `libengine-gost-openssl`).

pub mod der_tree;
pub mod net;
mod openssl;
mod openssl_text;
pub mod pki;
pub mod sample;
pub mod ua_testdata;

pub use openssl::{CertFiles, CertSpec, KeyFile, KeyType, Openssl};
pub use openssl_text::{
    NAMEOPT_MULTILINE, TextBlock, TextExtension, openssl_time_to_iso, parse_multiline_name,
    split_general_names, text_block, text_value, x509_text_extensions,
};
