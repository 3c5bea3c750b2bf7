#include "ui/language.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QProcess>
#include <QSettings>
#include <QTranslator>

#include <vector>

namespace vitlens::ui {
namespace {

// The translators installLanguage() put on the application, so the next call can take them off again (tests
// switch languages within one process; a stale translator would answer first).
std::vector<QTranslator*>& installedTranslators() {
  static std::vector<QTranslator*> translators;
  return translators;
}

QString& installedCode() {
  static QString code = QStringLiteral("en");
  return code;
}

bool isAvailable(const QString& code) {
  for (const Language& language : availableLanguages()) {
    if (language.code == code) return true;
  }
  return false;
}

// A translator owned by the application with file loaded; null if the file is missing or not a .qm.
QTranslator* loadTranslator(const QString& file) {
  auto* translator = new QTranslator(QCoreApplication::instance());
  if (translator->load(file)) return translator;
  delete translator;
  return nullptr;
}

void install(QTranslator* translator) {
  QCoreApplication::installTranslator(translator);
  installedTranslators().push_back(translator);
}

}  // namespace

QList<Language> availableLanguages() {
  return {{QStringLiteral("en"), QStringLiteral("English")},
          {QStringLiteral("es"), QStringLiteral("Español")},
          {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

QString savedLanguage() {
  const QString code = QSettings().value(QLatin1String(kLanguageKey)).toString();
  return code.isEmpty() || isAvailable(code) ? code : QStringLiteral("en");
}

void saveLanguage(const QString& code) {
  QSettings settings;
  settings.setValue(QLatin1String(kLanguageKey), code);
  settings.sync();  // a restart follows at once: the new process must read the new value
}

QString languageForLocale(const QLocale& locale) {
  // uiLanguages() lists the user's preferences in order (LANGUAGE=fr:es gives fr, then es); a region never
  // matters except to tell Simplified Chinese from Traditional, which QLocale infers ("zh_TW" is Traditional).
  QStringList names = locale.uiLanguages();
  if (names.isEmpty()) names.append(locale.name());
  bool chineseSeen = false;  // only the first Chinese entry counts: "zh-Hant-TW" may be followed by a bare "zh"
  for (const QString& name : names) {
    const QLocale candidate(name);
    switch (candidate.language()) {
      case QLocale::English:
        return QStringLiteral("en");
      case QLocale::Spanish:
        return QStringLiteral("es");
      case QLocale::Chinese:
        if (!chineseSeen && candidate.script() == QLocale::SimplifiedHanScript) return QStringLiteral("zh_CN");
        chineseSeen = true;
        break;
      default:
        break;
    }
  }
  return QStringLiteral("en");
}

QString effectiveLanguage(const QString& choice) {
  if (choice.isEmpty()) return languageForLocale(QLocale::system());
  return isAvailable(choice) ? choice : QStringLiteral("en");
}

bool installLanguage(const QString& code) {
  for (QTranslator* translator : installedTranslators()) {
    QCoreApplication::removeTranslator(translator);
    delete translator;
  }
  installedTranslators().clear();
  installedCode() = QStringLiteral("en");
  if (code == QLatin1String("en")) return true;
  if (!isAvailable(code)) return false;
  // lrelease builds the .qm files into the ui library's resources (ui/CMakeLists.txt): nothing beside the binary.
  QTranslator* own = loadTranslator(QStringLiteral(":/translations/vitlens_%1.qm").arg(code));
  if (own == nullptr) return false;
  // Qt's own strings (the standard buttons, the file dialog), from Debian's qt6-translations-l10n; without it
  // those few stay English. Installed first: the last translator installed is asked first, so where both have a
  // text (the shared "QObject" context) vitlens's wins.
  if (QTranslator* qt = loadTranslator(QDir(QLibraryInfo::path(QLibraryInfo::TranslationsPath))
                                           .filePath(QStringLiteral("qtbase_%1.qm").arg(code)))) {
    install(qt);
  }
  install(own);
  installedCode() = code;
  return true;
}

QString installSavedLanguage() {
  const QString code = effectiveLanguage(savedLanguage());
  installLanguage(code);
  return installedLanguage();
}

QString installedLanguage() { return installedCode(); }

bool restartApplication() {
  return QProcess::startDetached(QCoreApplication::applicationFilePath(), QCoreApplication::arguments().mid(1));
}

}  // namespace vitlens::ui
