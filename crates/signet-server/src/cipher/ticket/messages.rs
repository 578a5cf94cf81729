//! The ticket API's messages in the user's language.
//!
//! Cipher BIS answers every call with a `message` in the language of the
//! service; signet takes it from `Accept-Language` (Ukrainian by default,
//! Russian, English). The Ukrainian and Russian texts of the calls the
//! vendor documents are its own ("Сесія відсутня.", "Створена сесія.");
//! the rest are ours in the same style.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use signet_pki::Lang;

use crate::present::lang::accept_language;

/// The language of a request: the first of `Accept-Language` that signet
/// speaks, Ukrainian when none (the language of the vendor's service).
pub fn request_lang(headers: &HeaderMap) -> Lang {
    accept_language(headers).unwrap_or(Lang::Uk)
}

/// The language of a ticket call ([`request_lang`]), as an extractor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UserLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for UserLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(UserLang(request_lang(&parts.headers)))
    }
}

/// Every message the ticket API says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Msg {
    TicketCreated,
    TicketDeleted,
    NoTicket,
    TooManyTickets,
    TicketQuota,
    TicketRate,
    OptionsSet,
    DataLoaded,
    DsDataLoaded,
    KeyStoreLoaded,
    CreatorStarted,
    CreatorDone,
    CreatorRunning,
    CreatorFailed,
    CreatorNotStarted,
    VerifierStarted,
    VerifierNotStarted,
    SignatureValid,
    SignatureInvalid,
    NoSignatureData,
    CertificateInfoFailed,
    BadRequest,
    NotReady,
    Overloaded,
    Base64Data,
}

impl Msg {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (uk, ru, en) = match self {
            Msg::TicketCreated => ("Створена сесія.", "Создана сессия.", "Session created."),
            Msg::TicketDeleted => ("Видалена сесія.", "Удалена сессия.", "Session deleted."),
            Msg::NoTicket => ("Сесія відсутня.", "Сессия отсутствует.", "No such session."),
            Msg::TooManyTickets => (
                "Перевищено кількість відкритих сесій.",
                "Превышено количество открытых сессий.",
                "Too many open sessions.",
            ),
            Msg::TicketQuota => (
                "Перевищено кількість відкритих сесій цього клієнта.",
                "Превышено количество открытых сессий этого клиента.",
                "This client has too many open sessions.",
            ),
            Msg::TicketRate => (
                "Цей клієнт відкриває сесії занадто часто, спробуйте пізніше.",
                "Этот клиент открывает сессии слишком часто, попробуйте позже.",
                "This client opens sessions too often, try again later.",
            ),
            Msg::OptionsSet => (
                "Параметри сесії встановлені.",
                "Параметры сессии установлены.",
                "Session options set.",
            ),
            Msg::DataLoaded => (
                "Дані для сесії успішно завантажені.",
                "Данные для сессии успешно загружены.",
                "Session data loaded.",
            ),
            Msg::DsDataLoaded => (
                "Дані ЕП успішно завантажені.",
                "Данные ЭП успешно загружены.",
                "Signature data loaded.",
            ),
            Msg::KeyStoreLoaded => (
                "Ключовий контейнер сесії успішно завантажено.",
                "Ключевой контейнер сессии успешно загружен.",
                "Session key container loaded.",
            ),
            Msg::CreatorStarted => (
                "Ініційована асинхронна операція створення електронного підпису.",
                "Инициирована асинхронная операция создания электронной подписи.",
                "Signing started.",
            ),
            Msg::CreatorDone => (
                "Електронний підпис успішно створений.",
                "Электронная подпись успешно создана.",
                "The signature has been created.",
            ),
            Msg::CreatorRunning => (
                "Операція \"Створення електронного підпису\" знаходиться у стадії виконання.",
                "Операция \"Создание электронной подписи\" находится в стадии выполнения.",
                "Signing is in progress.",
            ),
            Msg::CreatorFailed => (
                "Електронний підпис не створено.",
                "Электронная подпись не создана.",
                "The signature was not created.",
            ),
            Msg::CreatorNotStarted => (
                "Операція створення електронного підпису не ініційована.",
                "Операция создания электронной подписи не инициирована.",
                "Signing has not been started.",
            ),
            Msg::VerifierStarted => (
                "Ініційована асинхронна операція перевірки електронного підпису.",
                "Инициирована асинхронная операция проверки электронной подписи.",
                "Verification started.",
            ),
            Msg::VerifierNotStarted => (
                "Операція перевірки електронного підпису не ініційована.",
                "Операция проверки электронной подписи не инициирована.",
                "Verification has not been started.",
            ),
            Msg::SignatureValid => (
                "Цифровий підпис дійсний.",
                "Цифровая подпись действительна.",
                "The signature is valid.",
            ),
            Msg::SignatureInvalid => (
                "Цифровий підпис не дійсний.",
                "Цифровая подпись не действительна.",
                "The signature is not valid.",
            ),
            Msg::NoSignatureData => (
                "Дані ЕП відсутні.",
                "Данные ЭП отсутствуют.",
                "There is no signature in the session.",
            ),
            Msg::CertificateInfoFailed => (
                "Помилка при отриманні даних сертифікату.",
                "Ошибка при получении данных сертификата.",
                "The certificate info could not be read.",
            ),
            Msg::BadRequest => (
                "Некоректний запит.",
                "Некорректный запрос.",
                "The request is not valid.",
            ),
            Msg::Overloaded => (
                "Сервіс перевантажено, спробуйте пізніше.",
                "Сервис перегружен, попробуйте позже.",
                "The service is overloaded, try again later.",
            ),
            Msg::NotReady => (
                "Сервіс виконання криптографічних операцій не запущено.",
                "Сервис выполнения криптографических операций не запущен.",
                "The cryptographic service is not running.",
            ),
            Msg::Base64Data => (
                "Дані ЕП в кодуванні base64.",
                "Данные ЭП в кодировке base64.",
                "The signature in base64.",
            ),
        };
        match lang {
            Lang::Uk => uk,
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use axum::http::header::ACCEPT_LANGUAGE;

    #[test]
    fn language_comes_from_accept_language() {
        let mut h = HeaderMap::new();
        assert_eq!(request_lang(&h), Lang::Uk);
        h.insert(
            ACCEPT_LANGUAGE,
            HeaderValue::from_static("de-DE, ru-RU;q=0.8"),
        );
        assert_eq!(request_lang(&h), Lang::Ru);
        h.insert(ACCEPT_LANGUAGE, HeaderValue::from_static("en"));
        assert_eq!(request_lang(&h), Lang::En);
        assert_eq!(Msg::NoTicket.text(Lang::Uk), "Сесія відсутня.");
    }
}
