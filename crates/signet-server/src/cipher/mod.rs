//! Cipher BIS ticket API (spec 001): the certificate-info rendering shared
//! by the ticket API and `signet inspect --cipher`.

pub mod certinfo;
pub(crate) mod labels;
pub mod ticket;
