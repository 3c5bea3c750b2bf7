#pragma once
// The language of the window: which translations exist, which one the user chose (View › Language, saved in
// QSettings) or the system locale gives, and installing it on the application. The window builds its menus and
// docks once, so a new choice takes effect at the next start (the menu offers to restart).
#include <QList>
#include <QLocale>
#include <QString>

namespace vitlens::ui {

struct Language {
  QString code;        // "en", "es", "zh_CN": the suffix of resources/translations/vitlens_<code>.ts
  QString nativeName;  // as the language names itself ("Español"), so a user can find it whatever is shown now
};

// English (the source texts) first, then the translations built into the binary.
QList<Language> availableLanguages();

// The QSettings key and its values: "" follows the system locale, else one of availableLanguages()'s codes.
inline constexpr char kLanguageKey[] = "language";
QString savedLanguage();
void saveLanguage(const QString& code);

// The available language a locale asks for: its UI languages in order, the first one there is a translation for
// (Traditional Chinese is not Simplified: it gets English); "en" when none matches.
QString languageForLocale(const QLocale& locale);
// A saved choice, or "" resolved through QLocale::system(); an unknown code (an old or edited setting) gives "en".
QString effectiveLanguage(const QString& choice);

// Replaces the translators this installed before with vitlens's own for code and Qt's (qtbase_<code>.qm from
// QLibraryInfo's translations folder, for the standard dialogs' buttons) when that file exists. "en" installs
// none. False when vitlens's translation could not be loaded (the texts then stay English).
bool installLanguage(const QString& code);
// Installs effectiveLanguage(savedLanguage()): call once the QApplication exists, before any widget is built.
QString installSavedLanguage();
// The code installed last ("en" before any).
QString installedLanguage();

// Starts a new instance with the same program and arguments (to apply a new language); false if it did not start.
bool restartApplication();

}  // namespace vitlens::ui
