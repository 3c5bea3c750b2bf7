// vitlens-cli against hostile arguments and files: devices, FIFOs and links as outputs are refused even with
// --force, the same file for --npy and --out is a usage error, FIFOs and /dev/zero as inputs fail at once, empty
// values are usage errors, names from files cannot drive the terminal, a newline in a path does not cut the message,
// and a pass that needs more memory than allowed is refused before it runs.
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

// Torch-reaching project headers before Qt's (pytorch/pytorch#19405).
#include "engine/engine.h"

#include <QtTest>

#include "cli_runner.h"

namespace {

mode_t typeOf(const QString& path) {
  struct stat info {};
  return ::lstat(path.toLocal8Bit().constData(), &info) == 0 ? (info.st_mode & S_IFMT) : 0;
}

QList<QByteArray> lines(const QByteArray& text) {
  QList<QByteArray> out;
  for (const QByteArray& line : text.split('\n'))
    if (!line.isEmpty()) out.append(line);
  return out;
}

}  // namespace

class TestHostileCli : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void specialOutputsRefused_data();
  void specialOutputsRefused();
  void imageOutputFormatFromTheName();
  void sameFileForBothOutputs();
  void specialInputsFailAtOnce_data();
  void specialInputsFailAtOnce();
  void emptyValuesAreUsageErrors_data();
  void emptyValuesAreUsageErrors();
  void namesFromFilesAreEscaped();
  void newlineInPathKeepsTheReason();
  void doubleDashEndsTheOptions();
  void memoryLimitRefusesBeforeRunning();

 private:
  QString path(const QString& name) const { return dir_.filePath(name); }
  QTemporaryDir dir_;
  QString model_, image_;
  bool haveDevice_ = false;
};

void TestHostileCli::initTestCase() {
  QVERIFY(dir_.isValid());
  model_ = path("model.safetensors");
  const Result init = runCli({"init", "--preset", "cifar-seed", "--out", model_});
  QVERIFY2(init.exitCode == 0, init.err.constData());
  image_ = path("image.png");
  QVERIFY(cv::imwrite(image_.toStdString(), cv::Mat(40, 40, CV_8UC3, cv::Scalar(10, 100, 200))));
  QCOMPARE(::mkfifo(path("fifo").toLocal8Bit().constData(), 0600), 0);
  QCOMPARE(::mkfifo(path("out-fifo.png").toLocal8Bit().constData(), 0600), 0);
  QFile target(path("target.png"));
  QVERIFY(target.open(QIODevice::WriteOnly));
  target.write("keep me");
  target.close();
  QCOMPARE(::symlink(path("target.png").toLocal8Bit().constData(), path("link.png").toLocal8Bit().constData()), 0);
  // A private /dev/null (same device numbers): a regression replaces this node, not the machine's /dev/null.
  haveDevice_ = ::mknod(path("null.png").toLocal8Bit().constData(), S_IFCHR | 0666, makedev(1, 3)) == 0;
  // Two one-image classes for train.
  for (const char* name : {"data/train/a", "data/train/b"}) QVERIFY(QDir(dir_.path()).mkpath(name));
  QVERIFY(cv::imwrite(path("data/train/a/1.png").toStdString(), cv::Mat(32, 32, CV_8UC3, cv::Scalar(1, 2, 3))));
  QVERIFY(cv::imwrite(path("data/train/b/1.png").toStdString(), cv::Mat(32, 32, CV_8UC3, cv::Scalar(3, 2, 1))));
  // A model whose name, label and provenance carry terminal escapes and line breaks.
  vitlens::ModelMeta meta;
  meta.config = vitlens::VitConfig::preset("cifar-seed");
  meta.name = "evil\x1b[2J\r\nvitlens-cli: forged";
  meta.labels = {"cat\x1b]0;pwned\x07", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
  meta.provenance["data"] = "line one\nline two";
  vitlens::writeUntrainedModel(path("evil.safetensors").toStdString(), meta, 1, "float32");
}

void TestHostileCli::specialOutputsRefused_data() {
  QTest::addColumn<QString>("target");
  QTest::newRow("character device") << "null.png";
  QTest::newRow("FIFO") << "out-fifo.png";
  QTest::newRow("symbolic link") << "link.png";
}

void TestHostileCli::specialOutputsRefused() {
  QFETCH(QString, target);
  if (target == "null.png" && !haveDevice_) QSKIP("mknod needs root");
  const mode_t before = typeOf(path(target));
  const QList<QStringList> commands{
      {"attention", "--model", model_, "--force", "--out", path(target), image_},
      {"attention", "--model", model_, "--force", "--out", path("fine.png"), "--npy", path(target), image_},
      {"filters", "--model", model_, "--force", "--out", path(target)},
      {"init", "--preset", "cifar-seed", "--force", "--out", path(target)},
  };
  for (const QStringList& command : commands) {
    const Result r = runCli(command);
    QVERIFY2(r.exitCode == 2, qPrintable(command.join(' ') + ": " + r.err));
    QVERIFY2(r.err.contains("not a regular file"), r.err.constData());
    QCOMPARE(typeOf(path(target)), before);
  }
  QFile kept(path("target.png"));
  QVERIFY(kept.open(QIODevice::ReadOnly));
  QCOMPARE(kept.readAll(), QByteArray("keep me"));
  QVERIFY(!QFileInfo::exists(path("fine.png")));  // the other output was not written either
}

void TestHostileCli::imageOutputFormatFromTheName() {
  // A .jpg gets JPEG bytes (it used to get PNG bytes); a name the CLI cannot encode is a usage error, up front.
  const Result jpeg = runCli({"attention", "--model", model_, "--out", path("overlay.jpg"), image_});
  QVERIFY2(jpeg.exitCode == 0, jpeg.err.constData());
  QFile written(path("overlay.jpg"));
  QVERIFY(written.open(QIODevice::ReadOnly));
  QVERIFY(written.read(3) == QByteArray("\xFF\xD8\xFF"));
  const Result gif = runCli({"filters", "--model", model_, "--out", path("filters.gif")});
  QCOMPARE(gif.exitCode, 2);
  QVERIFY2(gif.err.contains(".png or .jpg"), gif.err.constData());
  QVERIFY(!QFileInfo::exists(path("filters.gif")));
}

void TestHostileCli::sameFileForBothOutputs() {
  const Result same =
      runCli({"attention", "--model", model_, "--out", path("both.png"), "--npy", path("both.png"), image_});
  QCOMPARE(same.exitCode, 2);
  QVERIFY2(same.err.contains("name the same file"), same.err.constData());
  const Result dotted =
      runCli({"attention", "--model", model_, "--out", path("both.png"), "--npy", dir_.path() + "/./both.png", image_});
  QCOMPARE(dotted.exitCode, 2);
  QVERIFY(!QFileInfo::exists(path("both.png")));
}

void TestHostileCli::specialInputsFailAtOnce_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<QString>("expected");
  QTest::newRow("FIFO as the model") << QStringList{"info", "--model", "@fifo"} << "FIFO";
  QTest::newRow("FIFO as the labels") << QStringList{"info", "--model", "@model.safetensors", "--labels", "@fifo"}
                                      << "FIFO";
  QTest::newRow("/dev/zero as the labels")
      << QStringList{"info", "--model", "@model.safetensors", "--labels", "/dev/zero"} << "character device";
  QTest::newRow("FIFO as an image") << QStringList{"classify", "--model", "@model.safetensors", "@fifo"} << "FIFO";
  QTest::newRow("train at 4096 x 4096, patch 16")
      << QStringList{"train",   "--data", "@data",     "--out", "@never.safetensors", "--image", "4096",
                     "--patch", "16",     "--holdout", "0"}
      << "needs about";
  QTest::newRow("input size 1024 on a patch-4 model")
      << QStringList{"classify", "--model", "@model.safetensors", "--input-size", "1024", "@image.png"}
      << "needs about";
}

void TestHostileCli::specialInputsFailAtOnce() {
  QFETCH(QStringList, arguments);
  QFETCH(QString, expected);
  for (QString& argument : arguments)
    if (argument.startsWith('@')) argument = path(argument.mid(1));
  QElapsedTimer timer;
  timer.start();
  const Result r = runCli(arguments);  // a hang here (the old behaviour) ends as exit code -1 after 120 s
  QVERIFY2(r.exitCode == 1, qPrintable(QString::number(r.exitCode) + ": " + r.err));
  QVERIFY2(r.err.contains(expected.toUtf8()), r.err.constData());
  QCOMPARE(lines(r.err).size(), 1);
  QVERIFY2(timer.elapsed() < 60000, "took a minute to refuse");
}

void TestHostileCli::emptyValuesAreUsageErrors_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::newRow("--model \"\" (was: the built-in model)") << QStringList{"classify", "--model", "", "@image.png"};
  QTest::newRow("--labels \"\"") << QStringList{"info", "--labels", ""};
  QTest::newRow("--out \"\"") << QStringList{"filters", "--out", ""};
  QTest::newRow("--memory-limit lots") << QStringList{"info", "--memory-limit", "lots"};
}

void TestHostileCli::emptyValuesAreUsageErrors() {
  QFETCH(QStringList, arguments);
  for (QString& argument : arguments)
    if (argument.startsWith('@')) argument = path(argument.mid(1));
  const Result r = runCli(arguments);
  QVERIFY2(r.exitCode == 2, r.err.constData());
}

void TestHostileCli::namesFromFilesAreEscaped() {
  const Result info = runCli({"info", "--model", path("evil.safetensors")});
  QVERIFY2(info.exitCode == 0, info.err.constData());
  QVERIFY2(!info.out.contains('\x1b') && !info.out.contains('\r') && !info.out.contains('\x07'), info.out.constData());
  QVERIFY(info.out.contains("evil\\e[2J\\r\\nvitlens-cli: forged"));
  QVERIFY(info.out.contains("line one\\nline two"));
  for (const QByteArray& line : lines(info.out)) QVERIFY2(!line.startsWith("vitlens-cli: forged"), line.constData());
  const Result classify = runCli({"classify", "--model", path("evil.safetensors"), "--topk", "10", image_});
  QVERIFY2(classify.exitCode == 0, classify.err.constData());
  QVERIFY(!classify.out.contains('\x1b') && !classify.out.contains('\x07'));
  QVERIFY(classify.out.contains("cat\\e]0;pwned\\x07"));
  // JSON output keeps the real text, escaped the JSON way.
  const Result json = runCli({"info", "--model", path("evil.safetensors"), "--json"});
  QCOMPARE(QJsonDocument::fromJson(json.out).object()["name"].toString(),
           QString::fromUtf8("evil\x1b[2J\r\nvitlens-cli: forged"));
}

void TestHostileCli::newlineInPathKeepsTheReason() {
  const QString odd = path("two\nlines.png");
  const Result r = runCli({"classify", "--model", model_, "--json", odd});
  QCOMPARE(r.exitCode, 1);
  const QList<QByteArray> errorLines = lines(r.err);
  QCOMPARE(errorLines.size(), 1);  // one line, the newline shown as \n, the reason after it
  QVERIFY2(errorLines.front().contains("two\\nlines.png: no such file"), r.err.constData());
  const QJsonArray results = QJsonDocument::fromJson(r.out).array();
  QVERIFY(results.at(0).toObject()["error"].toString().contains("lines.png: no such file"));
}

void TestHostileCli::doubleDashEndsTheOptions() {
  // After --, "-h" is a file name, not a request for help (the help pre-scan used to catch it).
  const Result r = runCli({"classify", "--model", model_, "--", "-h"});
  QCOMPARE(r.exitCode, 1);
  QVERIFY2(r.err.contains("-h: no such file"), r.err.constData());
}

void TestHostileCli::memoryLimitRefusesBeforeRunning() {
  const Result refused = runCli({"classify", "--memory-limit", "10K", "--model", model_, image_});
  QCOMPARE(refused.exitCode, 1);
  QVERIFY2(refused.err.contains("needs about") && refused.err.contains("10 kB is available"), refused.err.constData());
  const Result allowed = runCli({"classify", "--memory-limit=2G", "--model", model_, image_});
  QVERIFY2(allowed.exitCode == 0, allowed.err.constData());
}

QTEST_MAIN(TestHostileCli)
#include "tst_hostile_cli.moc"
