// The vitlens binary as documentation and scripts use it: --screenshot renders the whole window into a PNG, and
// bad arguments or files end with exit code 1 and one line on stderr.
#include <QColor>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>

#include <QtTest>

#include "cli_runner.h"

namespace {

Result runGui(const QStringList& arguments) {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  env.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir::tempPath() + QStringLiteral("/vitlens-tst-gui-app-config"));
  return runProgram(QStringLiteral(VITLENS_GUI_PATH), arguments, env);
}

QString sample(const char* name) { return QDir(QStringLiteral(VITLENS_SAMPLES_DIR)).filePath(QLatin1String(name)); }

// Lines of stderr that come from vitlens itself (Qt's platform plugins add their own notes).
QList<QByteArray> ownLines(const QByteArray& err) {
  QList<QByteArray> lines;
  for (const QByteArray& line : err.split('\n'))
    if (line.startsWith("vitlens: ")) lines.append(line);
  return lines;
}

}  // namespace

class TestGuiApp : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void screenshotRendersTheWindow_data();
  void screenshotRendersTheWindow();
  void screenshotNeverOverwrites();
  void badInputExitsWithOneLine_data();
  void badInputExitsWithOneLine();
  void screenshotValidatesMapOptions_data();
  void screenshotValidatesMapOptions();
  void helpWorksWithoutADisplay();
  void cliAndScreenshotGiveTheSameMap_data();
  void cliAndScreenshotGiveTheSameMap();
  void screenshotStartsFromTheDefaults();

 private:
  QTemporaryDir dir_;
};

void TestGuiApp::screenshotRendersTheWindow_data() {
  QTest::addColumn<QStringList>("options");
  QTest::newRow("defaults") << QStringList{};
  QTest::newRow("layer 0 head 1") << QStringList{"--layer", "0", "--head", "1"};
  QTest::newRow("rollout") << QStringList{"--method", "rollout"};
  QTest::newRow("zoom 8 with grid") << QStringList{"--zoom", "8", "--grid", "--query", "12"};
}

void TestGuiApp::screenshotRendersTheWindow() {
  QFETCH(QStringList, options);
  const QString out = dir_.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(' ', '_') + ".png");
  const Result run = runGui(QStringList{"--screenshot", out} + options + QStringList{sample("coffee.jpg")});
  QVERIFY2(run.exitCode == 0, run.err.constData());
  QCOMPARE(run.out.trimmed(), out.toLocal8Bit());
  const QImage shot(out);
  QVERIFY(!shot.isNull());
  QVERIFY(shot.width() >= 1000 && shot.height() >= 600);
  // Not a blank window: many distinct colours (image, heat map, controls).
  QSet<QRgb> colours;
  for (int y = 0; y < shot.height(); y += 7)
    for (int x = 0; x < shot.width(); x += 7) colours.insert(shot.pixel(x, y));
  QVERIFY2(colours.size() > 500, qPrintable(QString::number(colours.size())));
}

void TestGuiApp::screenshotNeverOverwrites() {
  const QString out = dir_.filePath(QStringLiteral("existing.png"));
  QFile file(out);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write("keep me");
  file.close();
  const Result refused = runGui({"--screenshot", out, sample("chelsea.jpg")});
  QCOMPARE(refused.exitCode, 1);
  QCOMPARE(ownLines(refused.err).size(), 1);
  QVERIFY(refused.err.contains("--force"));
  QVERIFY(file.open(QIODevice::ReadOnly));
  QCOMPARE(file.readAll(), QByteArray("keep me"));
  file.close();
  const Result forced = runGui({"--screenshot", out, "--force", sample("chelsea.jpg")});
  QVERIFY2(forced.exitCode == 0, forced.err.constData());
  QVERIFY(!QImage(out).isNull());
}

void TestGuiApp::badInputExitsWithOneLine_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<QByteArray>("mentions");
  const QString out = QStringLiteral("never-written.png");
  QTest::newRow("missing image") << QStringList{"--screenshot", out, "/nonexistent/cat.jpg"} << QByteArray("cat.jpg");
  QTest::newRow("not an image") << QStringList{"--screenshot", out, QStringLiteral(VITLENS_GUI_PATH)}
                                << QByteArray("vitlens");
  QTest::newRow("missing model") << QStringList{"--screenshot", out, "--model", "/nonexistent/m.safetensors"}
                                 << QByteArray("m.safetensors");
  const QString garbage = dir_.filePath(QStringLiteral("garbage.safetensors"));
  QFile file(garbage);
  if (file.open(QIODevice::WriteOnly)) file.write("\x08\0\0\0\0\0\0\0{}      ");
  QTest::newRow("garbage model") << QStringList{"--screenshot", out, "--model", garbage} << QByteArray("garbage");
  QTest::newRow("bad layer") << QStringList{"--screenshot", out, "--layer", "x"} << QByteArray("--layer");
  QTest::newRow("bad head") << QStringList{"--screenshot", out, "--head", "median"} << QByteArray("median");
  QTest::newRow("bad method") << QStringList{"--screenshot", out, "--method", "gradcam"} << QByteArray("gradcam");
  QTest::newRow("bad device") << QStringList{"--screenshot", out, "--device", "tpu"} << QByteArray("tpu");
  QTest::newRow("zoom 0") << QStringList{"--screenshot", out, "--zoom", "0"} << QByteArray("--zoom");
  QTest::newRow("zoom word") << QStringList{"--screenshot", out, "--zoom", "big"} << QByteArray("big");
}

void TestGuiApp::badInputExitsWithOneLine() {
  QFETCH(QStringList, arguments);
  QFETCH(QByteArray, mentions);
  QDir::setCurrent(dir_.path());
  const Result run = runGui(arguments);
  QCOMPARE(run.exitCode, 1);
  const QList<QByteArray> lines = ownLines(run.err);
  QVERIFY2(lines.size() == 1, run.err.constData());
  QVERIFY2(lines[0].contains(mentions), lines[0].constData());
  QVERIFY(!QFile::exists(dir_.filePath(QStringLiteral("never-written.png"))));
}

void TestGuiApp::screenshotValidatesMapOptions_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<QByteArray>("mentions");
  // Each of these was accepted with exit 0 where vitlens-cli refuses it.
  const QString out = QStringLiteral("never-written.png");
  const QString image = sample("chelsea.jpg");
  QTest::newRow("layer 99") << QStringList{"--screenshot", out, "--layer", "99", image} << QByteArray("--layer 99");
  QTest::newRow("head 99") << QStringList{"--screenshot", out, "--head", "99", image} << QByteArray("--head 99");
  QTest::newRow("query 99999") << QStringList{"--screenshot", out, "--query", "99999", image}
                               << QByteArray("--query 99999");
  QTest::newRow("mass nan") << QStringList{"--screenshot", out, "--mass", "nan", image} << QByteArray("--mass");
  QTest::newRow("empty model") << QStringList{"--screenshot", out, "--model", "", image} << QByteArray("--model");
}

void TestGuiApp::screenshotValidatesMapOptions() { badInputExitsWithOneLine(); }

void TestGuiApp::helpWorksWithoutADisplay() {
  QProcessEnvironment bare = QProcessEnvironment::systemEnvironment();
  bare.remove(QStringLiteral("DISPLAY"));
  bare.remove(QStringLiteral("WAYLAND_DISPLAY"));
  bare.remove(QStringLiteral("QT_QPA_PLATFORM"));
  const Result help = runProgram(QStringLiteral(VITLENS_GUI_PATH), {"--help"}, bare);
  QVERIFY2(help.exitCode == 0, help.err.constData());
  QVERIFY(help.out.contains("--screenshot") && help.out.contains("[IMAGE]"));
  const Result version = runProgram(QStringLiteral(VITLENS_GUI_PATH), {"--version"}, bare);
  QCOMPARE(version.exitCode, 0);
  QVERIFY2(version.out.startsWith("vitlens "), version.out.constData());
}

void TestGuiApp::cliAndScreenshotGiveTheSameMap_data() {
  QTest::addColumn<QStringList>("options");
  QTest::newRow("defaults") << QStringList{};
  QTest::newRow("layer 2, head 1, patch 5") << QStringList{"--layer", "2", "--head", "1", "--query", "5"};
  QTest::newRow("max over heads") << QStringList{"--head", "max"};
  QTest::newRow("rollout, default discard") << QStringList{"--method", "rollout"};
  QTest::newRow("rollout, min fusion, discard 0.5")
      << QStringList{"--method", "rollout", "--head", "min", "--discard", "0.5"};
}

void TestGuiApp::cliAndScreenshotGiveTheSameMap() {
  // One MapRequest with one set of defaults: vitlens-cli attention and vitlens --screenshot write the same bytes.
  QFETCH(QStringList, options);
  const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(' ', '_').remove(',');
  const QString cliNpy = dir_.filePath(tag + "-cli.npy");
  const QString guiNpy = dir_.filePath(tag + "-gui.npy");
  const Result cli =
      runCli(QStringList{"attention", "--force", "--out", dir_.filePath(tag + "-cli.png"), "--npy", cliNpy} + options +
             QStringList{sample("chelsea.jpg")});
  QVERIFY2(cli.exitCode == 0, cli.err.constData());
  const Result gui = runGui(QStringList{"--screenshot", dir_.filePath(tag + "-gui.png"), "--force", "--npy", guiNpy} +
                            options + QStringList{sample("chelsea.jpg")});
  QVERIFY2(gui.exitCode == 0, gui.err.constData());
  QFile a(cliNpy), b(guiNpy);
  QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
  const QByteArray cliBytes = a.readAll();
  QVERIFY(cliBytes.size() > 128);
  QCOMPARE(b.readAll(), cliBytes);
}

void TestGuiApp::screenshotStartsFromTheDefaults() {
  // The user's saved view (here: gray colours, no heat map) must not change a screenshot unless asked.
  const QString config = QDir::tempPath() + QStringLiteral("/vitlens-tst-gui-app-config/vitlens");
  QVERIFY(QDir().mkpath(config));
  QFile saved(config + QStringLiteral("/vitlens.conf"));
  QVERIFY(saved.open(QIODevice::WriteOnly | QIODevice::Truncate));
  saved.write("[view]\ncolormap=gray\nopacity=1\n");
  saved.close();
  const QString fresh = dir_.filePath(QStringLiteral("fresh.png"));
  const QString reused = dir_.filePath(QStringLiteral("saved.png"));
  QCOMPARE(runGui({"--screenshot", fresh, "--force", sample("chelsea.jpg")}).exitCode, 0);
  QCOMPARE(runGui({"--screenshot", reused, "--force", "--saved-settings", sample("chelsea.jpg")}).exitCode, 0);
  // The middle of the image view: gray at full opacity with the saved view, the default inferno at 60 % without.
  const QImage freshShot(fresh), reusedShot(reused);
  const QPoint middle(freshShot.width() * 45 / 100, freshShot.height() / 2);
  const QRgb withSaved = reusedShot.pixel(middle), withDefaults = freshShot.pixel(middle);
  QVERIFY2(qRed(withSaved) == qGreen(withSaved) && qGreen(withSaved) == qBlue(withSaved),
           qPrintable(QColor(withSaved).name()));
  QVERIFY2(qRed(withDefaults) != qBlue(withDefaults), qPrintable(QColor(withDefaults).name()));
  // The saved file is left as the user wrote it (a screenshot writes its settings elsewhere).
  QVERIFY(saved.open(QIODevice::ReadOnly));
  QVERIFY(saved.readAll().contains("colormap=gray"));
  saved.close();
  QFile::remove(saved.fileName());
}

QTEST_MAIN(TestGuiApp)
#include "tst_gui_app.moc"
