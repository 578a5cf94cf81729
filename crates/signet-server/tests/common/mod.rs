//! Set-up shared by the server's HTTP tests.

use std::sync::Arc;

use signet_store::{NewOrganization, Session, Store, TokenHash, now_unix};
use uuid::Uuid;

/// A new organisation in `store`.
pub async fn organisation(store: &Arc<dyn Store>, name: &str) -> Uuid {
    store
        .create_organization(NewOrganization {
            name: name.into(),
            ..Default::default()
        })
        .await
        .expect("org")
        .id
}

/// A live session (one hour) of the certificate with SHA-1 `thumbprint`,
/// granted to `org`: the `Authorization` value of Reestro calls.
pub async fn reestro_session(store: &Arc<dyn Store>, thumbprint: &str, org: Uuid) -> String {
    store.grant(org, thumbprint).await.expect("grant");
    let sid = signet_server::sessions::new_token().expect("rng");
    let now = now_unix();
    store
        .create_session(&Session {
            id_hash: TokenHash::of(&sid),
            refresh_hash: TokenHash::of(&format!("r-{sid}")),
            thumbprint: thumbprint.to_owned(),
            subject: "test".into(),
            created_at: now,
            last_seen_at: now,
            idle_expires_at: now + 3600,
            expires_at: now + 3600,
        })
        .await
        .expect("session");
    format!("ReestroAuth auth.sid={sid}&portal.orgid={org}")
}
