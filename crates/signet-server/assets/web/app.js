// signet's web page: a signature check and a certificate reader for people.
// Plain JavaScript, no dependencies, nothing from the network but signet's
// own /web/verify and /web/certificate. The strings of the page are below
// in Ukrainian, Russian and English.
'use strict';

(function () {
  const STRINGS = {
    en: {
      skip: 'Skip to the checks',
      language: 'Language',
      title: 'Check an electronic signature',
      lead: 'Find out whether a signed document was changed, who signed it and whether their certificate was valid. Files are checked on this server and not kept.',
      verifyHeading: 'Signature',
      verifyHint: 'Drop a document and its signature here, or an attached signature alone — or choose the files.',
      signatureLabel: 'Signature file (.p7s, .sig, .p7m)',
      signatureHint: 'Required. DER, PEM or base64.',
      documentLabel: 'Signed document',
      documentHint: 'For a detached signature; leave empty when the document is inside the signature. Any size.',
      verifyButton: 'Check the signature',
      certHeading: 'Certificate',
      certHint: 'Drop a certificate here, or choose it, to read all its fields.',
      certificateLabel: 'Certificate file (.cer, .crt, .pem)',
      certificateHint: 'DER, PEM or base64.',
      uploading: 'Sending and hashing…',
      checking: 'Checking the signature and the certificates…',
      progressOf: '{pct} % — {done} of {total}',
      reportTitle: 'Signature validation report',
      certTitle: 'Certificate',
      downloadJson: 'Download JSON',
      downloadHtml: 'Download HTML',
      print: 'Print / save as PDF',
      downloadDer: 'Download the certificate (DER)',
      footer: 'signet checks signatures and certificates on this server; nothing is sent anywhere else.',
      apiLink: 'API documentation',
      needSignature: 'Choose the signature file first.',
      failed: 'The check could not be made: {msg}',
      networkError: 'the server could not be reached',
      'verdict.valid': 'The signature is valid',
      'verdict.invalid': 'The signature is NOT valid',
      'verdict.indeterminate': 'The signature could not be confirmed',
      'code.valid': 'The document has not changed since it was signed, and the signer’s certificate was valid.',
      'code.validMany': 'The document has not changed since it was signed, and every signer’s certificate was valid.',
      'code.contentMismatch': 'The document was changed after it was signed, or it is not the document this signature is for.',
      'code.badSignature': 'The signature is damaged or was not made with the signer’s key.',
      'code.certificateNotFound': 'The signer’s certificate is not in the signature.',
      'code.unsupported': 'The signature uses an algorithm this service does not support.',
      'code.timestamp': 'The signature’s time-stamp does not hold.',
      'code.chain': 'A certificate of the signer’s chain was not valid: see the chain below.',
      'code.revocationUnknown': 'Whether a certificate of the chain was revoked could not be found out.',
      'code.untrusted': 'The signer’s certificate does not lead to a certification authority this service trusts.',
      'code.noSigners': 'The signature has no signers.',
      'signer.valid': 'valid',
      'signer.invalid': 'not valid',
      'signer.indeterminate': 'not confirmed',
      signer: 'Signer {n}',
      unknownSigner: 'unknown signer',
      organisation: 'Organisation',
      position: 'Position',
      signingTime: 'Signed at (signer’s clock)',
      timestampTime: 'Time-stamp',
      cadesLevel: 'Format',
      plainCms: 'CMS (no CAdES attributes)',
      validationTime: 'Certificates checked at',
      result: 'Result',
      notes: 'Remarks',
      details: 'Technical details',
      chain: 'Certificate chain, from the signer to the trusted root',
      chainEmpty: 'The chain was not checked, because the signature itself failed.',
      issuedBy: 'issued by {name}',
      validity: 'valid {from} – {to}',
      serial: 'serial number {serial}',
      document: 'Document',
      signatureFile: 'Signature',
      insideSignature: 'inside the signature',
      checkedAt: 'Checked at',
      bytes: 'bytes',
      'status.valid': 'valid',
      'status.expired': 'expired',
      'status.revoked': 'revoked',
      'status.unknown': 'unknown',
      'status.untrusted': 'untrusted',
      'link.trustAnchor': 'Trusted root: in this service’s trust store.',
      'link.notRevoked': 'Valid and not revoked.',
      'link.revocationNotChecked': 'Valid; revocation was not checked.',
      'link.revokedAfter': 'Revoked on {revoked}, after the signature’s time-stamp: the signature was made while it was good.',
      'link.revoked': 'Revoked on {revoked}.',
      'link.revocationUnknown': 'Whether it was revoked could not be found out.',
      'link.expired': 'Expired on {notAfter}.',
      'link.notYetValid': 'Not yet valid: valid from {notBefore}.',
      'link.noIssuer': 'Its issuer is not known to this service: the chain does not reach a trusted root.',
      'link.badSignature': 'The issuer’s signature on it is not valid.',
      'link.notCa': 'It cannot be a link of the chain: it is not a certification authority.',
      'link.pathTooLong': 'The chain is longer than this certification authority allows.',
      'link.criticalExtension': 'It has a critical extension this service does not process.',
      'link.budget': 'The chain was too complex to check.',
      'link.notReached': 'Not checked: the chain broke below it.',
      'id.INN': 'INN', 'id.INNLE': 'Organisation INN', 'id.SNILS': 'SNILS', 'id.OGRN': 'OGRN',
      'id.OGRNIP': 'OGRNIP', 'id.DRFO': 'Taxpayer number (DRFO)', 'id.EDRPOU': 'EDRPOU',
      'cert.validNow': 'Valid now',
      'cert.expiredNow': 'Expired',
      'cert.notYetNow': 'Not yet valid',
      'cert.issuer': 'Issuer',
      'cert.validity': 'Validity',
    },
    uk: {
      skip: 'Перейти до перевірки',
      language: 'Мова',
      title: 'Перевірка електронного підпису',
      lead: 'Дізнайтеся, чи змінювався підписаний документ, хто його підписав і чи був сертифікат підписувача чинним. Файли перевіряються на цьому сервері й не зберігаються.',
      verifyHeading: 'Підпис',
      verifyHint: 'Перетягніть сюди документ і його підпис або лише підпис із вбудованим документом — чи виберіть файли.',
      signatureLabel: 'Файл підпису (.p7s, .sig, .p7m)',
      signatureHint: 'Обовʼязково. DER, PEM або base64.',
      documentLabel: 'Підписаний документ',
      documentHint: 'Для відокремленого підпису; залиште порожнім, якщо документ усередині підпису. Будь-якого розміру.',
      verifyButton: 'Перевірити підпис',
      certHeading: 'Сертифікат',
      certHint: 'Перетягніть сюди сертифікат або виберіть його, щоб побачити всі його поля.',
      certificateLabel: 'Файл сертифіката (.cer, .crt, .pem)',
      certificateHint: 'DER, PEM або base64.',
      uploading: 'Надсилання й гешування…',
      checking: 'Перевірка підпису й сертифікатів…',
      progressOf: '{pct} % — {done} з {total}',
      reportTitle: 'Звіт про перевірку підпису',
      certTitle: 'Сертифікат',
      downloadJson: 'Завантажити JSON',
      downloadHtml: 'Завантажити HTML',
      print: 'Друк / зберегти як PDF',
      downloadDer: 'Завантажити сертифікат (DER)',
      footer: 'signet перевіряє підписи й сертифікати на цьому сервері; нічого нікуди більше не надсилається.',
      apiLink: 'Документація API',
      needSignature: 'Спершу виберіть файл підпису.',
      failed: 'Перевірку не вдалося виконати: {msg}',
      networkError: 'сервер недоступний',
      'verdict.valid': 'Підпис дійсний',
      'verdict.invalid': 'Підпис НЕДІЙСНИЙ',
      'verdict.indeterminate': 'Підпис не вдалося підтвердити',
      'code.valid': 'Документ не змінювався після підписання, а сертифікат підписувача був чинним.',
      'code.validMany': 'Документ не змінювався після підписання, а сертифікати всіх підписувачів були чинними.',
      'code.contentMismatch': 'Документ змінено після підписання, або це не той документ, до якого належить підпис.',
      'code.badSignature': 'Підпис пошкоджено або його створено не ключем підписувача.',
      'code.certificateNotFound': 'У підписі немає сертифіката підписувача.',
      'code.unsupported': 'Підпис використовує алгоритм, який цей сервіс не підтримує.',
      'code.timestamp': 'Позначка часу підпису недійсна.',
      'code.chain': 'Один із сертифікатів ланцюжка підписувача був нечинним: див. ланцюжок нижче.',
      'code.revocationUnknown': 'Не вдалося зʼясувати, чи відкликано сертифікат ланцюжка.',
      'code.untrusted': 'Сертифікат підписувача не веде до центру сертифікації, якому довіряє цей сервіс.',
      'code.noSigners': 'У підписі немає жодного підписувача.',
      'signer.valid': 'дійсний',
      'signer.invalid': 'недійсний',
      'signer.indeterminate': 'не підтверджено',
      signer: 'Підписувач {n}',
      unknownSigner: 'невідомий підписувач',
      organisation: 'Організація',
      position: 'Посада',
      signingTime: 'Час підписання (за годинником підписувача)',
      timestampTime: 'Позначка часу',
      cadesLevel: 'Формат',
      plainCms: 'CMS (без атрибутів CAdES)',
      validationTime: 'Сертифікати перевірено на',
      result: 'Результат',
      notes: 'Зауваження',
      details: 'Технічні подробиці',
      chain: 'Ланцюжок сертифікатів, від підписувача до кореневого',
      chainEmpty: 'Ланцюжок не перевірявся, бо не пройшов перевірку сам підпис.',
      issuedBy: 'видав {name}',
      validity: 'чинний {from} – {to}',
      serial: 'серійний номер {serial}',
      document: 'Документ',
      signatureFile: 'Підпис',
      insideSignature: 'усередині підпису',
      checkedAt: 'Перевірено',
      bytes: 'байтів',
      'status.valid': 'чинний',
      'status.expired': 'прострочений',
      'status.revoked': 'відкликаний',
      'status.unknown': 'невідомо',
      'status.untrusted': 'недовірений',
      'link.trustAnchor': 'Довірений кореневий: у сховищі довіри цього сервісу.',
      'link.notRevoked': 'Чинний, не відкликаний.',
      'link.revocationNotChecked': 'Чинний; відкликання не перевірялося.',
      'link.revokedAfter': 'Відкликаний {revoked}, уже після позначки часу підпису: підпис створено, коли сертифікат був чинним.',
      'link.revoked': 'Відкликаний {revoked}.',
      'link.revocationUnknown': 'Не вдалося зʼясувати, чи його відкликано.',
      'link.expired': 'Строк дії скінчився {notAfter}.',
      'link.notYetValid': 'Ще не чинний: чинний з {notBefore}.',
      'link.noIssuer': 'Його видавець невідомий цьому сервісу: ланцюжок не доходить до довіреного кореневого сертифіката.',
      'link.badSignature': 'Підпис видавця на ньому недійсний.',
      'link.notCa': 'Він не може бути ланкою ланцюжка: це не центр сертифікації.',
      'link.pathTooLong': 'Ланцюжок довший, ніж дозволяє цей центр сертифікації.',
      'link.criticalExtension': 'Він має критичне розширення, яке цей сервіс не обробляє.',
      'link.budget': 'Ланцюжок надто складний для перевірки.',
      'link.notReached': 'Не перевірявся: ланцюжок обірвався нижче.',
      'id.INN': 'ІПН (РФ)', 'id.INNLE': 'ІПН організації (РФ)', 'id.SNILS': 'СНІЛС', 'id.OGRN': 'ОДРН (РФ)',
      'id.OGRNIP': 'ОДРНІП (РФ)', 'id.DRFO': 'РНОКПП (ДРФО)', 'id.EDRPOU': 'Код ЄДРПОУ',
      'cert.validNow': 'Чинний зараз',
      'cert.expiredNow': 'Строк дії скінчився',
      'cert.notYetNow': 'Ще не чинний',
      'cert.issuer': 'Видавець',
      'cert.validity': 'Строк дії',
    },
    ru: {
      skip: 'Перейти к проверке',
      language: 'Язык',
      title: 'Проверка электронной подписи',
      lead: 'Узнайте, менялся ли подписанный документ, кто его подписал и был ли сертификат подписанта действителен. Файлы проверяются на этом сервере и не сохраняются.',
      verifyHeading: 'Подпись',
      verifyHint: 'Перетащите сюда документ и его подпись или только подпись со встроенным документом — или выберите файлы.',
      signatureLabel: 'Файл подписи (.p7s, .sig, .p7m)',
      signatureHint: 'Обязательно. DER, PEM или base64.',
      documentLabel: 'Подписанный документ',
      documentHint: 'Для отсоединённой подписи; оставьте пустым, если документ внутри подписи. Любого размера.',
      verifyButton: 'Проверить подпись',
      certHeading: 'Сертификат',
      certHint: 'Перетащите сюда сертификат или выберите его, чтобы увидеть все его поля.',
      certificateLabel: 'Файл сертификата (.cer, .crt, .pem)',
      certificateHint: 'DER, PEM или base64.',
      uploading: 'Отправка и хеширование…',
      checking: 'Проверка подписи и сертификатов…',
      progressOf: '{pct} % — {done} из {total}',
      reportTitle: 'Отчёт о проверке подписи',
      certTitle: 'Сертификат',
      downloadJson: 'Скачать JSON',
      downloadHtml: 'Скачать HTML',
      print: 'Печать / сохранить как PDF',
      downloadDer: 'Скачать сертификат (DER)',
      footer: 'signet проверяет подписи и сертификаты на этом сервере; ничего никуда больше не отправляется.',
      apiLink: 'Документация API',
      needSignature: 'Сначала выберите файл подписи.',
      failed: 'Проверку выполнить не удалось: {msg}',
      networkError: 'сервер недоступен',
      'verdict.valid': 'Подпись действительна',
      'verdict.invalid': 'Подпись НЕДЕЙСТВИТЕЛЬНА',
      'verdict.indeterminate': 'Подпись не удалось подтвердить',
      'code.valid': 'Документ не менялся после подписания, а сертификат подписанта был действителен.',
      'code.validMany': 'Документ не менялся после подписания, а сертификаты всех подписантов были действительны.',
      'code.contentMismatch': 'Документ изменён после подписания, или это не тот документ, к которому относится подпись.',
      'code.badSignature': 'Подпись повреждена или создана не ключом подписанта.',
      'code.certificateNotFound': 'В подписи нет сертификата подписанта.',
      'code.unsupported': 'Подпись использует алгоритм, который этот сервис не поддерживает.',
      'code.timestamp': 'Штамп времени подписи недействителен.',
      'code.chain': 'Один из сертификатов цепочки подписанта был недействителен: см. цепочку ниже.',
      'code.revocationUnknown': 'Не удалось выяснить, отозван ли сертификат цепочки.',
      'code.untrusted': 'Сертификат подписанта не ведёт к удостоверяющему центру, которому доверяет этот сервис.',
      'code.noSigners': 'В подписи нет ни одного подписанта.',
      'signer.valid': 'действительна',
      'signer.invalid': 'недействительна',
      'signer.indeterminate': 'не подтверждена',
      signer: 'Подписант {n}',
      unknownSigner: 'неизвестный подписант',
      organisation: 'Организация',
      position: 'Должность',
      signingTime: 'Время подписания (по часам подписанта)',
      timestampTime: 'Штамп времени',
      cadesLevel: 'Формат',
      plainCms: 'CMS (без атрибутов CAdES)',
      validationTime: 'Сертификаты проверены на',
      result: 'Результат',
      notes: 'Замечания',
      details: 'Технические подробности',
      chain: 'Цепочка сертификатов, от подписанта до корневого',
      chainEmpty: 'Цепочка не проверялась, потому что не прошла проверку сама подпись.',
      issuedBy: 'выдан: {name}',
      validity: 'действителен {from} – {to}',
      serial: 'серийный номер {serial}',
      document: 'Документ',
      signatureFile: 'Подпись',
      insideSignature: 'внутри подписи',
      checkedAt: 'Проверено',
      bytes: 'байт',
      'status.valid': 'действителен',
      'status.expired': 'истёк',
      'status.revoked': 'отозван',
      'status.unknown': 'неизвестно',
      'status.untrusted': 'недоверенный',
      'link.trustAnchor': 'Доверенный корневой: в хранилище доверия этого сервиса.',
      'link.notRevoked': 'Действителен, не отозван.',
      'link.revocationNotChecked': 'Действителен; отзыв не проверялся.',
      'link.revokedAfter': 'Отозван {revoked}, уже после штампа времени подписи: подпись создана, когда сертификат был действителен.',
      'link.revoked': 'Отозван {revoked}.',
      'link.revocationUnknown': 'Не удалось выяснить, отозван ли он.',
      'link.expired': 'Срок действия истёк {notAfter}.',
      'link.notYetValid': 'Ещё не действителен: действует с {notBefore}.',
      'link.noIssuer': 'Его издатель неизвестен этому сервису: цепочка не доходит до доверенного корневого сертификата.',
      'link.badSignature': 'Подпись издателя на нём недействительна.',
      'link.notCa': 'Он не может быть звеном цепочки: это не удостоверяющий центр.',
      'link.pathTooLong': 'Цепочка длиннее, чем разрешает этот удостоверяющий центр.',
      'link.criticalExtension': 'В нём есть критическое расширение, которое этот сервис не обрабатывает.',
      'link.budget': 'Цепочка слишком сложна для проверки.',
      'link.notReached': 'Не проверялся: цепочка оборвалась ниже.',
      'id.INN': 'ИНН', 'id.INNLE': 'ИНН организации', 'id.SNILS': 'СНИЛС', 'id.OGRN': 'ОГРН',
      'id.OGRNIP': 'ОГРНИП', 'id.DRFO': 'РНУКПН (ДРФО, Украина)', 'id.EDRPOU': 'Код ЕГРПОУ (Украина)',
      'cert.validNow': 'Действителен сейчас',
      'cert.expiredNow': 'Срок действия истёк',
      'cert.notYetNow': 'Ещё не действителен',
      'cert.issuer': 'Издатель',
      'cert.validity': 'Срок действия',
    },
  };

  const $ = (id) => document.getElementById(id);
  const state = {
    lang: 'en',
    report: null,
    certFile: null,
    certView: null,
    busy: false,
  };

  function pickLanguage() {
    const asked = new URLSearchParams(location.search).get('lang');
    let saved = null;
    try { saved = localStorage.getItem('signet.lang'); } catch (e) { /* private mode */ }
    const candidates = [asked, saved].concat(navigator.languages || [navigator.language]);
    for (const c of candidates) {
      if (!c) continue;
      const primary = String(c).toLowerCase().split(/[-_]/)[0];
      if (primary === 'ua') return 'uk';
      if (STRINGS[primary]) return primary;
    }
    return 'en';
  }

  function t(key, params) {
    const table = STRINGS[state.lang] || STRINGS.en;
    let s = table[key] !== undefined ? table[key] : (STRINGS.en[key] !== undefined ? STRINGS.en[key] : key);
    if (params) {
      s = s.replace(/\{(\w+)\}/g, (m, k) => (params[k] !== undefined && params[k] !== null ? String(params[k]) : m));
    }
    return s;
  }

  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = v;
        else e.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of [].concat(children || [])) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function formatDate(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    if (isNaN(d.getTime())) return iso;
    try {
      return new Intl.DateTimeFormat(state.lang, {
        year: 'numeric', month: 'long', day: 'numeric',
        hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short',
      }).format(d);
    } catch (e) {
      return d.toISOString();
    }
  }

  function formatSize(n) {
    if (n === null || n === undefined) return '';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let v = n;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i += 1; }
    const num = new Intl.NumberFormat(state.lang, { maximumFractionDigits: i === 0 ? 0 : 1 }).format(v);
    return num + ' ' + units[i];
  }

  function applyStrings() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll('[data-i18n]').forEach((node) => {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    document.querySelectorAll('[data-i18n-aria]').forEach((node) => {
      node.setAttribute('aria-label', t(node.getAttribute('data-i18n-aria')));
    });
    document.querySelectorAll('.lang button').forEach((b) => {
      b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
    });
    document.title = 'signet — ' + t('title');
  }

  function setLanguage(lang) {
    state.lang = STRINGS[lang] ? lang : 'en';
    try { localStorage.setItem('signet.lang', state.lang); } catch (e) { /* private mode */ }
    applyStrings();
    if (state.report) renderReport(state.report, false);
    if (state.certFile) loadCertificate(state.certFile, false);
  }

  // ---- errors ----------------------------------------------------------

  function showError(message) {
    const box = $('error');
    box.textContent = message;
    box.hidden = false;
  }

  function clearError() {
    const box = $('error');
    box.hidden = true;
    box.textContent = '';
  }

  function errorText(xhrStatus, body) {
    try {
      const parsed = JSON.parse(body);
      if (parsed && parsed.error) return parsed.error;
    } catch (e) { /* not JSON */ }
    return xhrStatus ? 'HTTP ' + xhrStatus : t('networkError');
  }

  // ---- signature check -------------------------------------------------

  function setBusy(busy) {
    state.busy = busy;
    $('verify-button').disabled = busy;
    $('verify-form').setAttribute('aria-busy', String(busy));
  }

  function showProgress(loaded, total) {
    const box = $('progress');
    const bar = $('progress-bar');
    box.hidden = false;
    if (total > 0 && loaded < total) {
      const pct = Math.floor((loaded * 100) / total);
      $('progress-label').textContent = t('uploading');
      bar.value = pct;
      $('progress-text').textContent = t('progressOf', { pct: pct, done: formatSize(loaded), total: formatSize(total) });
    } else {
      // Uploaded: the server finishes hashing and checks the chain.
      $('progress-label').textContent = t('checking');
      bar.removeAttribute('value');
      $('progress-text').textContent = '';
    }
  }

  function hideProgress() {
    $('progress').hidden = true;
  }

  function verify() {
    if (state.busy) return;
    clearError();
    const sig = $('signature-file').files[0];
    const doc = $('document-file').files[0];
    if (!sig) {
      showError(t('needSignature'));
      $('signature-file').focus();
      return;
    }
    const form = new FormData();
    // The signature first: the server reads it, then hashes the document
    // as it streams in.
    form.append('signature', sig, sig.name);
    if (doc) form.append('document', doc, doc.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/web/verify');
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (e) => {
      showProgress(e.loaded, e.lengthComputable ? e.total : 0);
    });
    xhr.upload.addEventListener('load', () => showProgress(0, 0));
    xhr.addEventListener('load', () => {
      setBusy(false);
      hideProgress();
      if (xhr.status === 200) {
        let report;
        try { report = JSON.parse(xhr.responseText); } catch (e) { report = null; }
        if (report) {
          state.report = report;
          renderReport(report, true);
          return;
        }
      }
      showError(t('failed', { msg: errorText(xhr.status, xhr.responseText) }));
    });
    xhr.addEventListener('error', () => {
      setBusy(false);
      hideProgress();
      showError(t('failed', { msg: t('networkError') }));
    });
    setBusy(true);
    showProgress(0, Math.max(1, (sig.size || 0) + (doc ? doc.size : 0)));
    $('verdict').textContent = '';
    $('report-rest').hidden = true;
    xhr.send(form);
  }

  function explanation(report) {
    if (!report.signers.length) return t('code.noSigners');
    const failing = report.signers.find((s) => s.status !== 'valid');
    if (!failing) return t(report.signers.length > 1 ? 'code.validMany' : 'code.valid');
    return t('code.' + failing.code);
  }

  function fieldList(pairs) {
    const dl = el('dl', { class: 'fields' });
    for (const [label, value] of pairs) {
      if (value === null || value === undefined || value === '') continue;
      dl.append(el('dt', { text: label }), el('dd', {}, [value]));
    }
    return dl;
  }

  function linkView(link) {
    const why = t('link.' + link.code, {
      revoked: formatDate(link.revokedAt),
      notAfter: formatDate(link.notAfter),
      notBefore: formatDate(link.notBefore),
    });
    return el('li', { class: link.status }, [
      el('div', { class: 'link-head' }, [
        el('span', { class: 'badge ' + link.status, text: t('status.' + link.status) }),
        el('span', { class: 'link-name', text: link.subject }),
      ]),
      el('div', { class: 'link-meta', text: t('issuedBy', { name: link.issuer }) }),
      el('div', {
        class: 'link-meta',
        text: t('validity', { from: formatDate(link.notBefore), to: formatDate(link.notAfter) }),
      }),
      el('p', { class: 'link-why', text: why }),
      el('details', {}, [
        el('summary', { text: t('details') }),
        el('p', { text: link.why }),
        el('p', { text: t('serial', { serial: link.serialNumber }) }),
        el('p', { text: 'SHA-1 ' + link.thumbprint }),
      ]),
    ]);
  }

  const SIGNATURE_FAILURES = ['contentMismatch', 'badSignature', 'certificateNotFound', 'unsupported'];

  function signerView(signer, index) {
    const title = signer.name || t('unknownSigner');
    const pairs = [
      [t('organisation'), signer.organisation],
      [t('position'), signer.position],
    ];
    for (const id of signer.identifiers || []) pairs.push([t('id.' + id.type), id.value]);
    // The format is known only once the signature itself holds.
    const signatureFailed = SIGNATURE_FAILURES.includes(signer.code);
    pairs.push(
      [t('signingTime'), formatDate(signer.signingTime)],
      [t('timestampTime'), formatDate(signer.timestampTime)],
      [t('cadesLevel'), signer.cadesLevel || (signatureFailed ? null : t('plainCms'))],
      [t('validationTime'), signatureFailed ? null : formatDate(signer.validationTime)],
      [t('result'), t('code.' + signer.code)],
    );
    if (signer.notes && signer.notes.length) pairs.push([t('notes'), signer.notes.join('\n')]);
    const chain = signer.chain && signer.chain.length
      ? el('ol', { class: 'chain', 'aria-label': t('chain') }, signer.chain.map(linkView))
      : el('p', { text: t('chainEmpty') });
    const children = [
      el('h3', {}, [
        el('span', { text: t('signer', { n: index + 1 }) + ': ' + title }),
        el('span', { class: 'badge ' + signer.status, text: t('signer.' + signer.status) }),
      ]),
      fieldList(pairs),
    ];
    if (signer.why) {
      children.push(el('details', {}, [el('summary', { text: t('details') }), el('p', { text: signer.why })]));
    }
    children.push(el('h4', { text: t('chain') }), chain);
    return el('article', { class: 'card signer', 'aria-label': t('signer', { n: index + 1 }) }, children);
  }

  function renderReport(report, announce) {
    const verdict = $('verdict');
    verdict.className = 'verdict ' + report.verdict;
    verdict.dataset.verdict = report.verdict;
    const mark = { valid: '✓', invalid: '✗', indeterminate: '?' }[report.verdict] || '?';
    verdict.replaceChildren(
      el('span', { class: 'mark', 'aria-hidden': 'true', text: mark }),
      el('div', {}, [
        el('strong', { id: 'verdict-text', text: t('verdict.' + report.verdict) }),
        el('p', { id: 'verdict-explanation', text: explanation(report) }),
      ]),
    );
    const summary = fieldList([
      [t('document'), report.documentName
        ? report.documentName + (report.documentSize !== null ? ' (' + formatSize(report.documentSize) + ')' : '')
        : (report.documentSize !== null ? t('insideSignature') + ' (' + formatSize(report.documentSize) + ')' : null)],
      [t('signatureFile'), report.signatureName],
      [t('checkedAt'), formatDate(report.checkedAt)],
    ]);
    summary.classList.add('summary');
    const summaryCard = el('div', { class: 'card' }, [summary]);
    $('report-body').replaceChildren(summaryCard, ...report.signers.map(signerView));
    $('report-heading').hidden = false;
    $('report-rest').hidden = false;
    if (announce) {
      $('report').scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  }

  // ---- certificate -----------------------------------------------------

  function loadCertificate(file, announce) {
    clearError();
    state.certFile = file;
    file.arrayBuffer().then((bytes) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/web/certificate?lang=' + encodeURIComponent(state.lang));
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.addEventListener('load', () => {
        if (xhr.status === 200) {
          let view;
          try { view = JSON.parse(xhr.responseText); } catch (e) { view = null; }
          if (view) {
            state.certView = view;
            renderCertificate(view, announce);
            return;
          }
        }
        showError(t('failed', { msg: errorText(xhr.status, xhr.responseText) }));
      });
      xhr.addEventListener('error', () => showError(t('failed', { msg: t('networkError') })));
      xhr.send(bytes);
    });
  }

  function renderCertificate(view, announce) {
    const now = Date.now();
    const from = Date.parse(view.notBefore);
    const to = Date.parse(view.notAfter);
    const status = now > to ? ['expired', t('cert.expiredNow')]
      : now < from ? ['unknown', t('cert.notYetNow')] : ['valid', t('cert.validNow')];
    const head = el('div', { class: 'card cert-head' }, [
      el('h3', {}, [
        el('span', { text: view.name || view.subject }),
        el('span', { class: 'badge ' + status[0], text: status[1] }),
      ]),
      fieldList([
        [t('organisation'), view.organisation],
        [t('cert.issuer'), view.issuer],
        [t('cert.validity'), formatDate(view.notBefore) + ' – ' + formatDate(view.notAfter)],
        ['SHA-1', view.thumbprint],
      ]),
    ]);
    const sections = view.sections.map((s) => el('section', {
      class: 'card', 'aria-labelledby': 'cert-section-' + s.id,
    }, [
      el('h3', { id: 'cert-section-' + s.id, text: s.title }),
      fieldList(s.fields.map((f) => [f.label, f.value])),
    ]));
    $('certificate-body').replaceChildren(head, ...sections);
    $('certificate').hidden = false;
    if (announce) $('certificate').scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  // ---- downloads and printing ------------------------------------------

  function download(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function stamp() {
    return new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  }

  function downloadJson() {
    if (!state.report) return;
    download(new Blob([JSON.stringify(state.report, null, 2) + '\n'], { type: 'application/json' }),
      'signature-report-' + stamp() + '.json');
  }

  function downloadHtml() {
    if (!state.report) return;
    const link = document.querySelector('link[rel="stylesheet"]');
    fetch(link.href).then((r) => r.text()).then((css) => {
      const copy = $('report').cloneNode(true);
      copy.querySelectorAll('.no-print').forEach((n) => n.remove());
      copy.querySelectorAll('details').forEach((d) => d.setAttribute('open', ''));
      copy.querySelectorAll('[id]').forEach((n) => n.removeAttribute('id'));
      copy.querySelectorAll('[hidden]').forEach((n) => n.removeAttribute('hidden'));
      const html = '<!doctype html>\n<html lang="' + state.lang + '"><head><meta charset="utf-8">'
        + '<meta name="viewport" content="width=device-width, initial-scale=1">'
        + '<title>' + escapeHtml(t('reportTitle')) + '</title><style>' + css + '</style></head>'
        + '<body class="standalone">' + copy.outerHTML + '</body></html>\n';
      download(new Blob([html], { type: 'text/html' }), 'signature-report-' + stamp() + '.html');
    });
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  }

  function printPart(which) {
    document.body.dataset.print = which;
    const opened = [];
    document.querySelectorAll('#' + which + ' details:not([open])').forEach((d) => {
      d.setAttribute('open', '');
      opened.push(d);
    });
    window.addEventListener('afterprint', () => {
      delete document.body.dataset.print;
      opened.forEach((d) => d.removeAttribute('open'));
    }, { once: true });
    window.print();
  }

  function downloadDer() {
    if (!state.certView) return;
    const raw = atob(state.certView.der);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    download(new Blob([bytes], { type: 'application/pkix-cert' }), state.certView.fileName);
  }

  // ---- drag and drop ---------------------------------------------------

  const SIGNATURE_NAME = /\.(p7s|p7m|sig|sgn|p7b|pkcs7|cms)$/i;

  function setFile(input, file) {
    const dt = new DataTransfer();
    dt.items.add(file);
    input.files = dt.files;
  }

  function sortDropped(files) {
    let sig = null;
    let doc = null;
    const rest = [];
    for (const f of files) {
      if (!sig && SIGNATURE_NAME.test(f.name)) sig = f; else rest.push(f);
    }
    if (!sig && rest.length === 2) {
      // Two files, neither named as a signature: the smaller one is.
      rest.sort((a, b) => a.size - b.size);
      sig = rest.shift();
    }
    if (rest.length) doc = rest[0];
    if (!sig && doc && !$('signature-file').files.length && files.length === 1) {
      // One unnamed file: an attached signature, most likely.
      sig = doc;
      doc = null;
    }
    return { sig, doc };
  }

  function dropZone(zone, onFiles) {
    let depth = 0;
    zone.addEventListener('dragenter', (e) => { e.preventDefault(); depth += 1; zone.classList.add('over'); });
    zone.addEventListener('dragover', (e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; });
    zone.addEventListener('dragleave', () => { depth -= 1; if (depth <= 0) { depth = 0; zone.classList.remove('over'); } });
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      depth = 0;
      zone.classList.remove('over');
      const files = Array.from(e.dataTransfer.files || []);
      if (files.length) onFiles(files);
    });
  }

  function init() {
    state.lang = pickLanguage();
    applyStrings();
    document.querySelectorAll('.lang button').forEach((b) => {
      b.addEventListener('click', () => setLanguage(b.dataset.lang));
    });
    $('verify-form').addEventListener('submit', (e) => { e.preventDefault(); verify(); });
    $('certificate-file').addEventListener('change', (e) => {
      const f = e.target.files[0];
      if (f) loadCertificate(f, true);
    });
    $('download-json').addEventListener('click', downloadJson);
    $('download-html').addEventListener('click', downloadHtml);
    $('print-report').addEventListener('click', () => printPart('report'));
    $('print-certificate').addEventListener('click', () => printPart('certificate'));
    $('download-der').addEventListener('click', downloadDer);
    // A file dropped beside the zones must not replace the page.
    window.addEventListener('dragover', (e) => e.preventDefault());
    window.addEventListener('drop', (e) => e.preventDefault());
    dropZone($('verify-zone'), (files) => {
      const { sig, doc } = sortDropped(files);
      if (sig) setFile($('signature-file'), sig);
      if (doc) setFile($('document-file'), doc);
      if ($('signature-file').files.length) verify();
    });
    dropZone($('cert-zone'), (files) => {
      setFile($('certificate-file'), files[0]);
      loadCertificate(files[0], true);
    });
    document.body.dataset.ready = 'true';
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
