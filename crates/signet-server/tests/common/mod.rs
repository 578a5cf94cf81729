//! Set-up shared by the server's HTTP tests.

use std::sync::Arc;

use signet_store::{NewOrganization, Session, Store, now_unix};
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
        .create_session(&Session::start(
            &sid,
            &format!("r-{sid}"),
            thumbprint,
            "test",
            now,
            3600,
            3600,
        ))
        .await
        .expect("session");
    format!("ReestroAuth auth.sid={sid}&portal.orgid={org}")
}
