// cmake --install into a temporary prefix: the installed vitlens and vitlens-cli work from there with no source or
// build tree on their paths, and the desktop entry, icon, AppStream file and man page are where desktops look,
// valid by their own validators (desktop-file-validate, appstreamcli; skipped where those are not installed).
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

class TestInstall : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void filesAreWhereDesktopsLook_data();
  void filesAreWhereDesktopsLook();
  void installedProgramsRunWithoutTheTrees();
  void packageDocumentsAreComplete();
  void desktopFilesPassTheirValidators_data();
  void desktopFilesPassTheirValidators();

 private:
  // Runs a program; returns exit code, with stdout + stderr in `output`.
  int run(const QString& program, const QStringList& arguments, QByteArray* output = nullptr,
          const QString& workingDir = {});
  QTemporaryDir prefix_;
};

int TestInstall::run(const QString& program, const QStringList& arguments, QByteArray* output,
                     const QString& workingDir) {
  QProcess process;
  process.setProcessChannelMode(QProcess::MergedChannels);
  if (!workingDir.isEmpty()) process.setWorkingDirectory(workingDir);
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  process.setProcessEnvironment(environment);
  process.start(program, arguments);
  if (!process.waitForFinished(180000)) return -1;
  if (output != nullptr) *output = process.readAll();
  return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void TestInstall::initTestCase() {
  QVERIFY(prefix_.isValid());
  QByteArray output;
  const int status = run(QStringLiteral(VITLENS_CMAKE_COMMAND),
                         {"--install", QStringLiteral(VITLENS_BUILD_DIR), "--prefix", prefix_.path()}, &output);
  QVERIFY2(status == 0, output.constData());
}

void TestInstall::filesAreWhereDesktopsLook_data() {
  QTest::addColumn<QString>("file");
  for (const char* file :
       {"bin/vitlens", "bin/vitlens-cli", "bin/vitlens-bench", "share/applications/vitlens.desktop",
        "share/metainfo/io.github.vitlens.metainfo.xml", "share/icons/hicolor/scalable/apps/vitlens.svg",
        "share/icons/hicolor/48x48/apps/vitlens.png", "share/icons/hicolor/256x256/apps/vitlens.png",
        "share/man/man1/vitlens.1.gz", "share/man/man1/vitlens-cli.1.gz", "share/man/man1/vitlens-bench.1.gz",
        "share/doc/vitlens/README.md", "share/doc/vitlens/copyright", "share/doc/vitlens/changelog.gz"}) {
    QTest::newRow(file) << file;
  }
}

void TestInstall::filesAreWhereDesktopsLook() {
  QFETCH(QString, file);
  const QFileInfo info(prefix_.filePath(file));
  QVERIFY2(info.isFile() && info.size() > 0, qPrintable(info.filePath()));
  if (file.startsWith("bin/")) QVERIFY(info.isExecutable());
}

void TestInstall::installedProgramsRunWithoutTheTrees() {
  // Run from an empty folder: nothing of the source or build tree is found by relative paths.
  QTemporaryDir elsewhere;
  const QString image = QDir(QStringLiteral(VITLENS_SAMPLES_DIR)).filePath(QStringLiteral("chelsea.jpg"));
  QByteArray output;
  QCOMPARE(run(prefix_.filePath("bin/vitlens-cli"), {"classify", "--json", image}, &output, elsewhere.path()), 0);
  QVERIFY2(output.contains("\"top\""), output.constData());
  const QString shot = elsewhere.filePath(QStringLiteral("shot.png"));
  QCOMPARE(run(prefix_.filePath("bin/vitlens"), {"--screenshot", shot, image}, &output, elsewhere.path()), 0);
  QVERIFY2(QFileInfo(shot).size() > 10000, output.constData());
  QByteArray manual;
  QCOMPARE(run(QStringLiteral("gzip"), {"-dc", prefix_.filePath("share/man/man1/vitlens-cli.1.gz")}, &manual), 0);
  QVERIFY(manual.startsWith(".TH VITLENS-CLI 1"));
  QVERIFY(manual.contains("ablate-scan"));  // from the program's own --help
}

void TestInstall::packageDocumentsAreComplete() {
  // Debian's copyright file in its machine-readable format, naming every photo the binary carries.
  QFile copyright(prefix_.filePath("share/doc/vitlens/copyright"));
  QVERIFY(copyright.open(QIODevice::ReadOnly));
  const QString text = QString::fromUtf8(copyright.readAll());
  QVERIFY(text.startsWith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"));
  const QStringList photos = QDir(QStringLiteral(VITLENS_SAMPLES_DIR)).entryList({"*.jpg"}, QDir::Files);
  QVERIFY(!photos.isEmpty());
  for (const QString& photo : photos) {
    QVERIFY2(
        text.contains(QRegularExpression("\\nFiles:[^\\n]* resources/samples/" + QRegularExpression::escape(photo))),
        qPrintable(photo + " has no copyright entry"));
  }
  // The changelog (gzip'd, as Debian installs it) opens with this version.
  QByteArray changelog;
  QCOMPARE(run(QStringLiteral("gzip"), {"-dc", prefix_.filePath("share/doc/vitlens/changelog.gz")}, &changelog), 0);
  QVERIFY2(changelog.startsWith("vitlens (" VITLENS_VERSION ") "), changelog.constData());
  // The AppStream file was configured: a screenshot URL and no placeholder left.
  QFile metainfo(prefix_.filePath("share/metainfo/io.github.vitlens.metainfo.xml"));
  QVERIFY(metainfo.open(QIODevice::ReadOnly));
  const QByteArray xml = metainfo.readAll();
  QVERIFY(xml.contains("<screenshot type=\"default\">"));
  QVERIFY(xml.contains("<image type=\"source\" width=\"1440\" height=\"900\">https://"));
  QVERIFY2(!xml.contains('@'), xml.constData());
}

void TestInstall::desktopFilesPassTheirValidators_data() {
  QTest::addColumn<QString>("validator");
  QTest::addColumn<QStringList>("arguments");
  QTest::newRow("desktop entry") << "desktop-file-validate"
                                 << QStringList{prefix_.filePath("share/applications/vitlens.desktop")};
  QTest::newRow("appstream") << "appstreamcli"
                             << QStringList{"validate", "--no-net",
                                            prefix_.filePath("share/metainfo/io.github.vitlens.metainfo.xml")};
}

void TestInstall::desktopFilesPassTheirValidators() {
  QFETCH(QString, validator);
  QFETCH(QStringList, arguments);
  const QString program = QStandardPaths::findExecutable(validator);
  if (program.isEmpty()) QSKIP(qPrintable(validator + " is not installed (scripts/setup.sh installs it)"));
  QByteArray output;
  QVERIFY2(run(program, arguments, &output) == 0, output.constData());
}

QTEST_GUILESS_MAIN(TestInstall)
#include "tst_install.moc"
