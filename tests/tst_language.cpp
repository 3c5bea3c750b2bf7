// The window's languages: the locale picks one, the chosen one is installed and the window is built in it, the
// View › Language menu saves a choice, and every translation in resources/translations is complete and compiled
// into the binary.
#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QTranslator>
#include <QXmlStreamReader>

#include <memory>

#include "ui/language.h"
#include "ui/main_window.h"

#include <QtTest>

#include "gui_test_support.h"

using vitlens::ui::MainWindow;

namespace {

// One <message> of a .ts file.
struct TsMessage {
  QString context;
  QString source;
  QString comment;
  QString type;              // the translation's type attribute: "" when finished
  QStringList translations;  // one, or the numerus forms
  bool numerus = false;
};

// Every message of the .ts file at path; an empty list (and the reason in error) when it cannot be read.
QList<TsMessage> readTs(const QString& path, QString& error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    error = file.errorString();
    return {};
  }
  QList<TsMessage> messages;
  QXmlStreamReader xml(&file);
  QString context;
  TsMessage message;
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) continue;
    const auto name = xml.name();
    if (name == QLatin1String("name")) {
      context = xml.readElementText();
    } else if (name == QLatin1String("message")) {
      message = TsMessage{};
      message.context = context;
      message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
    } else if (name == QLatin1String("source")) {
      message.source = xml.readElementText();
    } else if (name == QLatin1String("comment")) {
      message.comment = xml.readElementText();
    } else if (name == QLatin1String("translation")) {
      message.type = xml.attributes().value(QLatin1String("type")).toString();
      if (message.numerus) {
        while (xml.readNextStartElement()) message.translations.append(xml.readElementText());
      } else {
        message.translations.append(xml.readElementText());
      }
      messages.append(message);  // <translation> is a message's last element
    }
  }
  if (xml.hasError()) error = xml.errorString();
  return messages;
}

// The %1..%99 (and %L1) placeholders of a text, as QString::arg() reads them.
QSet<QString> placeholders(const QString& text) {
  static const QRegularExpression pattern(QStringLiteral("%L?(\\d{1,2})"));
  QSet<QString> found;
  for (auto it = pattern.globalMatch(text); it.hasNext();) found.insert(it.next().captured(1));
  return found;
}

// Keyboard accelerators: '&' before a character, not "&&" (a literal ampersand) nor an HTML entity.
int accelerators(const QString& text) {
  static const QRegularExpression pattern(QStringLiteral("&(?!&|[a-zA-Z]+;|#\\d+;)\\S"));
  QString plain = text;
  plain.remove(QStringLiteral("&&"));
  int count = 0;
  for (auto it = pattern.globalMatch(plain); it.hasNext(); it.next()) ++count;
  return count;
}

QStringList menuTitles(const MainWindow& window) {
  QStringList titles;
  for (QAction* action : window.menuBar()->actions()) {
    if (action->menu() != nullptr) titles << action->text();
  }
  return titles;
}

const QStringList kEnglishMenus{QStringLiteral("&File"),       QStringLiteral("&View"),  QStringLiteral("&Attention"),
                                QStringLiteral("E&xperiment"), QStringLiteral("&Model"), QStringLiteral("&Help")};

}  // namespace

class TestLanguage : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void cleanup();
  void localePicksALanguage_data();
  void localePicksALanguage();
  void savedChoiceWinsOverTheLocale();
  void menusFollowTheInstalledLanguage_data();
  void menusFollowTheInstalledLanguage();
  void qtsOwnButtonsAreTranslated();
  void languageMenuSavesTheChoice();
  void translationsAreCompleteAndCompiled_data();
  void translationsAreCompleteAndCompiled();

 private:
  std::unique_ptr<MainWindow> newWindow();

  QTemporaryDir dir_;
  QString modelPath_;
};

void TestLanguage::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);  // settings go to a test location, not the user's
  QCoreApplication::setOrganizationName(QStringLiteral("vitlens-tests"));
  QCoreApplication::setApplicationName(QStringLiteral("tst_language"));
  QSettings().clear();
  QVERIFY(dir_.isValid());
  modelPath_ = testModelPath(dir_);
}

void TestLanguage::cleanup() {
  QSettings().clear();
  QVERIFY(vitlens::ui::installLanguage(QStringLiteral("en")));
}

std::unique_ptr<MainWindow> TestLanguage::newWindow() {
  auto window = std::make_unique<MainWindow>(modelPath_, vitlens::DeviceChoice::Cpu, /*interactive=*/false);
  window->waitForIdle();  // the model loads in the background: let it finish before the window goes
  return window;
}

void TestLanguage::localePicksALanguage_data() {
  QTest::addColumn<QString>("locale");
  QTest::addColumn<QString>("language");
  QTest::newRow("Spain") << "es_ES"
                         << "es";
  QTest::newRow("Mexico") << "es_MX"
                          << "es";
  QTest::newRow("mainland China") << "zh_CN"
                                  << "zh_CN";
  QTest::newRow("Singapore (Simplified)") << "zh_SG"
                                          << "zh_CN";
  QTest::newRow("Taiwan (Traditional)") << "zh_TW"
                                        << "en";
  QTest::newRow("Hong Kong (Traditional)") << "zh_HK"
                                           << "en";
  QTest::newRow("no translation: German") << "de_DE"
                                          << "en";
  QTest::newRow("English") << "en_GB"
                           << "en";
  QTest::newRow("C locale") << "C"
                            << "en";
}

void TestLanguage::localePicksALanguage() {
  QFETCH(QString, locale);
  QFETCH(QString, language);
  QCOMPARE(vitlens::ui::languageForLocale(QLocale(locale)), language);
}

void TestLanguage::savedChoiceWinsOverTheLocale() {
  QCOMPARE(vitlens::ui::savedLanguage(), QString());  // nothing saved: follow the system
  QCOMPARE(vitlens::ui::effectiveLanguage(QString()), vitlens::ui::languageForLocale(QLocale::system()));
  vitlens::ui::saveLanguage(QStringLiteral("zh_CN"));
  QCOMPARE(QSettings().value(QLatin1String(vitlens::ui::kLanguageKey)).toString(), QStringLiteral("zh_CN"));
  QCOMPARE(vitlens::ui::savedLanguage(), QStringLiteral("zh_CN"));
  QCOMPARE(vitlens::ui::installSavedLanguage(), QStringLiteral("zh_CN"));
  QCOMPARE(vitlens::ui::installedLanguage(), QStringLiteral("zh_CN"));
  // A setting from another version or edited by hand: English, not a failure.
  QSettings().setValue(QLatin1String(vitlens::ui::kLanguageKey), QStringLiteral("xx"));
  QCOMPARE(vitlens::ui::savedLanguage(), QStringLiteral("en"));
  QVERIFY(!vitlens::ui::installLanguage(QStringLiteral("xx")));
  QCOMPARE(vitlens::ui::installedLanguage(), QStringLiteral("en"));
}

void TestLanguage::menusFollowTheInstalledLanguage_data() {
  QTest::addColumn<QString>("language");
  QTest::addColumn<QStringList>("menus");  // File, View, Attention, Experiment, Model, Help
  QTest::newRow("English") << "en" << kEnglishMenus;
  QTest::newRow("Spanish") << "es" << QStringList{QStringLiteral("&Archivo"),  QStringLiteral("&Ver"),
                                                  QStringLiteral("A&tención"), QStringLiteral("&Experimento"),
                                                  QStringLiteral("&Modelo"),   QStringLiteral("A&yuda")};
  QTest::newRow("Simplified Chinese") << "zh_CN"
                                      << QStringList{QStringLiteral("文件(&F)"),   QStringLiteral("视图(&V)"),
                                                     QStringLiteral("注意力(&A)"), QStringLiteral("实验(&X)"),
                                                     QStringLiteral("模型(&M)"),   QStringLiteral("帮助(&H)")};
}

void TestLanguage::menusFollowTheInstalledLanguage() {
  QFETCH(QString, language);
  QFETCH(QStringList, menus);
  QVERIFY(vitlens::ui::installLanguage(language));
  QCOMPARE(vitlens::ui::installedLanguage(), language);
  const std::unique_ptr<MainWindow> window = newWindow();
  const QStringList titles = menuTitles(*window);
  for (const QString& menu : menus) QVERIFY2(titles.contains(menu), qPrintable(titles.join(QLatin1String(", "))));
  QCOMPARE(titles.value(0), menus.value(0));
  if (language != QLatin1String("en")) {
    // Every menu of the bar, including any added after this test was written, is translated.
    for (const QString& title : titles) QVERIFY2(!kEnglishMenus.contains(title), qPrintable(title));
  }
  // View › Language lists every language in its own name, with the saved choice ("": the system's) checked.
  auto* languageMenu = window->findChild<QMenu*>(QStringLiteral("languageMenu"));
  QVERIFY(languageMenu != nullptr);
  const QList<QAction*> entries = languageMenu->actions();
  QCOMPARE(entries.size(), 4);
  QCOMPARE(entries[1]->text(), QStringLiteral("English"));
  QCOMPARE(entries[2]->text(), QStringLiteral("Español"));
  QCOMPARE(entries[3]->text(), QStringLiteral("简体中文"));
  QVERIFY(entries[0]->isChecked());
  if (language == QLatin1String("es")) QCOMPARE(entries[0]->text(), QStringLiteral("Predeterminado del sistema"));
}

void TestLanguage::qtsOwnButtonsAreTranslated() {
  const QString qtbase =
      QDir(QLibraryInfo::path(QLibraryInfo::TranslationsPath)).filePath(QStringLiteral("qtbase_es.qm"));
  if (!QFile::exists(qtbase)) QSKIP("Qt's own Spanish translation is not installed (qt6-translations-l10n)");
  QVERIFY(vitlens::ui::installLanguage(QStringLiteral("es")));
  QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancelar"));
  // Where vitlens and Qt share a context, vitlens's own translation is asked first.
  QCOMPARE(QObject::tr("Replace file?"), QStringLiteral("¿Reemplazar el archivo?"));
}

void TestLanguage::languageMenuSavesTheChoice() {
  const std::unique_ptr<MainWindow> window = newWindow();
  auto* spanish = window->findChild<QAction*>(QStringLiteral("language_esAction"));
  QVERIFY(spanish != nullptr);
  // Choosing another language asks whether to restart now: answer "Later" as soon as the box is up.
  bool asked = false;
  QTimer poll;
  connect(&poll, &QTimer::timeout, this, [&asked] {
    auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
    if (box == nullptr) return;
    for (QAbstractButton* button : box->buttons()) {
      if (box->buttonRole(button) == QMessageBox::RejectRole) {
        asked = true;
        button->click();
      }
    }
  });
  poll.start(20);
  spanish->trigger();
  poll.stop();
  QVERIFY(asked);
  QVERIFY(spanish->isChecked());
  QCOMPARE(vitlens::ui::savedLanguage(), QStringLiteral("es"));
  QCOMPARE(vitlens::ui::installedLanguage(), QStringLiteral("en"));  // applied at the next start, not now
  // Back to the language already shown: saved, and nothing to restart for.
  asked = false;
  window->findChild<QAction*>(QStringLiteral("language_enAction"))->trigger();
  QVERIFY(!asked);
  QCOMPARE(vitlens::ui::savedLanguage(), QStringLiteral("en"));
}

void TestLanguage::translationsAreCompleteAndCompiled_data() {
  QTest::addColumn<QString>("language");
  for (const vitlens::ui::Language& language : vitlens::ui::availableLanguages()) {
    if (language.code != QLatin1String("en")) QTest::newRow(qPrintable(language.code)) << language.code;
  }
}

void TestLanguage::translationsAreCompleteAndCompiled() {
  QFETCH(QString, language);
  const QString tsPath =
      QDir(QStringLiteral(VITLENS_TRANSLATIONS_DIR)).filePath(QStringLiteral("vitlens_%1.ts").arg(language));
  QString error;
  const QList<TsMessage> messages = readTs(tsPath, error);
  QVERIFY2(error.isEmpty(), qPrintable(tsPath + QLatin1String(": ") + error));
  QVERIFY2(messages.size() > 300, qPrintable(QString::number(messages.size())));  // the window has ~400 texts
  QTranslator compiled;
  QVERIFY2(compiled.load(QStringLiteral(":/translations/vitlens_%1.qm").arg(language)),
           "the .qm is not in the ui library's resources");
  QCOMPARE(compiled.language(), language);
  // lupdate's clang parser files a class's texts under its full name, as tr() looks them up; the built-in parser
  // does not understand `namespace vitlens::ui {` and writes "MainWindow", whose texts the window never finds.
  QSet<QString> contexts;
  for (const TsMessage& m : messages) contexts.insert(m.context);
  for (const char* name : {"MainWindow", "WindowActions", "AttentionControls"}) {
    QVERIFY2(contexts.contains(QLatin1String("vitlens::ui::") + QLatin1String(name)), name);
    QVERIFY2(!contexts.contains(QLatin1String(name)), name);
  }
  for (const TsMessage& m : messages) {
    const QString where = m.context + QLatin1String(" / ") + m.source;
    QVERIFY2(m.type.isEmpty(), qPrintable(QStringLiteral("%1 (type=\"%2\")").arg(where, m.type)));
    QVERIFY2(!m.translations.isEmpty(), qPrintable(where));
    for (const QString& translation : m.translations) {
      QVERIFY2(!translation.trimmed().isEmpty(), qPrintable(where));
      QCOMPARE(placeholders(translation), placeholders(m.source));
      QCOMPARE(translation.count(QLatin1Char('\n')), m.source.count(QLatin1Char('\n')));
      QCOMPARE(accelerators(translation) > 0, accelerators(m.source) > 0);
    }
    const QByteArray context = m.context.toUtf8(), source = m.source.toUtf8(), comment = m.comment.toUtf8();
    const QString shipped = compiled.translate(context.constData(), source.constData(),
                                               m.comment.isEmpty() ? nullptr : comment.constData(), m.numerus ? 2 : -1);
    QVERIFY2(!shipped.isEmpty(), qPrintable(QLatin1String("not in the compiled translation: ") + where));
    if (!m.numerus) QCOMPARE(shipped, m.translations.first());
  }
}

QTEST_MAIN(TestLanguage)
#include "tst_language.moc"
