// vitlens-cli as scripts use it: exit codes, JSON shape, files written, bad input handled.
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <cstring>
#include <vector>

#include <QProcess>
#include <QtTest>

#include "cli_runner.h"

namespace {}  // namespace

class TestCli : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void info();
  void classifyJson();
  void classifyKeepsGoingPastBadImages();
  void usageErrors_data();
  void usageErrors();
  void helpAndVersion();
  void badModelFiles_data();
  void badModelFiles();
  void attentionWritesOverlayAndNpy_data();
  void attentionWritesOverlayAndNpy();
  void explainJsonAndNpy_data();
  void explainJsonAndNpy();
  void explainOpensCheckpoints();
  void faithfulnessJsonCsvAndShards();
  void experimentsAgreeWithEachOther();
  void classifyAFolder();
  void neverOverwritesWithoutForce();
  void filters();
  void nonUtf8FileNameKeepsJson();
  void cudaUnavailableIsUsageError();
  void withoutModelUsesTheBuiltInOne();

 private:
  QString path(const QString& name) const { return dir_.filePath(name); }
  QTemporaryDir dir_;
  QString model_;
};

void TestCli::initTestCase() {
  QVERIFY(dir_.isValid());
  model_ = path("model.safetensors");
  const Result init = runCli({"init", "--preset", "cifar-seed", "--seed", "1", "--out", model_});
  QVERIFY2(init.exitCode == 0, init.err.constData());
  cv::Mat wide(300, 451, CV_8UC3);
  cv::randu(wide, 0, 255);
  QVERIFY(cv::imwrite(path("wide.png").toStdString(), wide));
  cv::Mat small(32, 32, CV_8UC3, cv::Scalar(20, 120, 220));
  QVERIFY(cv::imwrite(path("small.jpg").toStdString(), small));
  QFile corrupt(path("corrupt.png"));
  QVERIFY(corrupt.open(QIODevice::WriteOnly));
  corrupt.write("\x89PNG\r\n\x1a\nthis is not really a png");
  corrupt.close();
}

void TestCli::info() {
  const Result text = runCli({"info", "--model", model_});
  QCOMPARE(text.exitCode, 0);
  QVERIFY(text.out.contains("grid 8 x 8"));
  const Result json = runCli({"info", "--model", model_, "--json"});
  QCOMPARE(json.exitCode, 0);
  const QJsonObject info = QJsonDocument::fromJson(json.out).object();
  QCOMPARE(info["config"].toObject()["embed_dim"].toInt(), 48);
  QCOMPARE(info["labels"].toArray().size(), 10);
  // cifar-seed: 4 blocks of 28,272 + patch embedding 2,352 + positions 65 x 48 + class 48 + norm 96 + head 490.
  QCOMPARE(info["parameters"].toInteger(), qint64(4 * 28272 + 2352 + 65 * 48 + 48 + 96 + 490));
}

void TestCli::classifyJson() {
  const Result r = runCli(
      {"classify", "--model", model_, "--device", "cpu", "--json", "--topk", "3", path("wide.png"), path("small.jpg")});
  QVERIFY2(r.exitCode == 0, r.err.constData());
  const QJsonArray results = QJsonDocument::fromJson(r.out).array();
  QCOMPARE(results.size(), 2);
  for (const QJsonValue& value : results) {
    const QJsonObject object = value.toObject();
    QVERIFY(object["image"].toString().endsWith(".png") || object["image"].toString().endsWith(".jpg"));
    QCOMPARE(object["device"].toString(), QString("cpu"));
    QVERIFY(object["ms"].toDouble() > 0.0);
    const QJsonArray top = object["top"].toArray();
    QCOMPARE(top.size(), 3);
    double previous = 1.0;
    for (const QJsonValue& entry : top) {
      const QJsonObject score = entry.toObject();
      QVERIFY(score["index"].toInt() >= 0 && score["index"].toInt() < 10);
      QVERIFY(!score["label"].toString().isEmpty());
      QVERIFY(score["prob"].toDouble() <= previous && score["prob"].toDouble() > 0.0);
      previous = score["prob"].toDouble();
    }
  }
}

void TestCli::classifyKeepsGoingPastBadImages() {
  QFile empty(path("empty.jpg"));  // zero bytes
  QVERIFY(empty.open(QIODevice::WriteOnly));
  empty.close();
  const Result r = runCli({"classify", "--model", model_, "--json", path("corrupt.png"), path("small.jpg"),
                           path("missing.png"), path("empty.jpg")});
  QCOMPARE(r.exitCode, 1);
  const QJsonArray results = QJsonDocument::fromJson(r.out).array();
  QCOMPARE(results.size(), 4);
  QVERIFY(results[0].toObject()["error"].toString().contains("corrupt.png"));
  QVERIFY(results[1].toObject().contains("top"));
  QVERIFY(results[2].toObject()["error"].toString().contains("missing.png"));
  QVERIFY(results[3].toObject().contains("error"));
  QCOMPARE(r.err.count('\n'), 3);  // one line per failed image
}

void TestCli::classifyAFolder() {
  // A folder stands for every image under it, recursively and sorted; other files are not images.
  QTemporaryDir folder;
  QVERIFY(QDir(folder.path()).mkpath(QStringLiteral("b/nested")));
  cv::Mat image(20, 20, CV_8UC3, cv::Scalar(40, 90, 200));
  for (const char* name : {"b/nested/z.png", "a.jpg", "b/c.png"}) {
    QVERIFY(cv::imwrite((folder.path() + "/" + name).toStdString(), image));
  }
  QFile notes(folder.filePath(QStringLiteral("notes.txt")));
  QVERIFY(notes.open(QIODevice::WriteOnly));
  notes.write("not an image");
  notes.close();
  const QString csv = path("folder.csv");
  const Result r = runCli({"classify", "--model", model_, "--json", "--csv", csv, "--force", folder.path()});
  QVERIFY2(r.exitCode == 0, r.err.constData());
  const QJsonArray results = QJsonDocument::fromJson(r.out).array();
  QCOMPARE(results.size(), 3);
  QStringList seen;
  for (const QJsonValue& v : results) seen << v.toObject()["image"].toString().mid(folder.path().size() + 1);
  QCOMPARE(seen, (QStringList{"a.jpg", "b/c.png", "b/nested/z.png"}));
  QFile rows(csv);
  QVERIFY(rows.open(QIODevice::ReadOnly));
  const QStringList lines = QString::fromUtf8(rows.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
  QCOMPARE(lines.size(), 4);
  QCOMPARE(lines[0], QStringLiteral("path,label,predicted,probability,correct,top_k"));
  const QString top = results[0].toObject()["top"].toArray()[0].toObject()["label"].toString();
  QVERIFY2(lines[1].startsWith(folder.path() + "/a.jpg,," + top + ","), qPrintable(lines[1]));
  // Without --force an existing CSV is kept.
  const Result again = runCli({"classify", "--model", model_, "--csv", csv, folder.path()});
  QCOMPARE(again.exitCode, 2);
  QVERIFY(again.err.contains("--force"));
}

void TestCli::usageErrors_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<QString>("message");
  QTest::newRow("no command") << QStringList{} << "usage";
  QTest::newRow("unknown command") << QStringList{"explode"} << "unknown command";
  QTest::newRow("unknown option") << QStringList{"classify", "--model", "M", "--fast", "I"} << "unknown option";
  QTest::newRow("no images") << QStringList{"classify", "--model", "M"} << "IMAGE";
  QTest::newRow("topk zero") << QStringList{"classify", "--model", "M", "--topk", "0", "I"} << "--topk";
  QTest::newRow("bad device") << QStringList{"classify", "--model", "M", "--device", "tpu", "I"} << "device";
  QTest::newRow("attention without --out") << QStringList{"attention", "--model", "M", "I"} << "--out";
  QTest::newRow("bad colormap") << QStringList{"attention", "--model", "M",     "--colormap",
                                               "rainbow",   "--out",   "o.png", "I"}
                                << "viridis";
  QTest::newRow("layer out of range") << QStringList{"attention", "--model", "M", "--layer", "4", "--out", "o.png", "I"}
                                      << "0..3";
  QTest::newRow("head out of range") << QStringList{"attention", "--model", "M", "--head", "4", "--out", "o.png", "I"}
                                     << "4 heads";
  QTest::newRow("query out of range") << QStringList{"attention", "--model", "M",     "--query",
                                                     "64",        "--out",   "o.png", "I"}
                                      << "0..63";
  QTest::newRow("rollout with one head") << QStringList{"attention", "--model", "M",     "--method", "rollout",
                                                        "--head",    "1",       "--out", "o.png",    "I"}
                                         << "mean, max or min";
  QTest::newRow("alpha above 1") << QStringList{"attention", "--model", "M", "--alpha", "1.5", "--out", "o.png", "I"}
                                 << "--alpha";
  QTest::newRow("explain without --method") << QStringList{"explain", "--model", "M", "I"} << "--method";
  QTest::newRow("explain unknown method")
      << QStringList{"explain", "--model", "M", "--method", "gradcam", "I"} << "gradcam";
  QTest::newRow("explain unknown class") << QStringList{"explain", "--model", "M",     "--method",
                                                        "gae",     "--class", "zebra", "I"}
                                         << "zebra";
  QTest::newRow("explain class out of range")
      << QStringList{"explain", "--model", "M", "--method", "gae", "--class", "10", "I"} << "0..9";
  QTest::newRow("explain discard with gae")
      << QStringList{"explain", "--model", "M", "--method", "gae", "--discard", "0.5", "I"} << "--discard";
  QTest::newRow("attention with gae") << QStringList{"attention", "--model", "M",     "--method",
                                                     "gae",       "--out",   "o.png", "I"}
                                      << "explain";
  QTest::newRow("faithfulness without --data")
      << QStringList{"faithfulness", "--model", "M", "--method", "gae"} << "--data";
  QTest::newRow("faithfulness bad steps")
      << QStringList{"faithfulness", "--model", "M", "--data", "D", "--method", "gae", "--steps", "0.5,0.2"}
      << "--steps";
  QTest::newRow("faithfulness bad shard")
      << QStringList{"faithfulness", "--model", "M", "--data", "D", "--method", "gae", "--shard", "2/2"} << "--shard";
  QTest::newRow("faithfulness bad method")
      << QStringList{"faithfulness", "--model", "M", "--data", "D", "--method", "gae,lime"} << "lime";
  QTest::newRow("ablate beyond the layers") << QStringList{"classify", "--model", "M", "--ablate-heads", "9:0", "I"}
                                            << "--ablate-heads 9:0: the model has 4 layers (0..3)";
  QTest::newRow("drop beyond the grid") << QStringList{"classify", "--model", "M", "--drop-patches", "64", "I"}
                                        << "--drop-patches 64: the grid has 64 patches (0..63)";
  QTest::newRow("malformed head list") << QStringList{"classify", "--model", "M", "--ablate-heads", "1:2,3", "I"}
                                       << "'3' in '1:2,3' is not LAYER:HEAD";
  QTest::newRow("attention query dropped")
      << QStringList{"attention", "--model", "M", "--drop-patches", "5", "--query", "5", "--out", "o.png", "I"}
      << "--query 5 is one of the dropped patches";
  QTest::newRow("explain drop beyond the grid")
      << QStringList{"explain", "--model", "M", "--method", "gae", "--drop-patches", "64", "I"}
      << "--drop-patches 64: the grid has 64 patches (0..63)";
  QTest::newRow("explain layer without tokens")
      << QStringList{"explain", "--model", "M", "--method", "gae", "--layer", "1", "I"} << "--method tokens";
  QTest::newRow("tokens without --layer") << QStringList{"tokens", "--model", "M", "I"} << "--layer";
  QTest::newRow("tokens layer beyond") << QStringList{"tokens", "--model", "M", "--layer", "4", "I"} << "0..3";
  QTest::newRow("ablate-scan unknown class")
      << QStringList{"ablate-scan", "--model", "M", "--class", "zebra", "I"} << "zebra";
  QTest::newRow("unknown preset") << QStringList{"init", "--preset", "vit-z99", "--out", "x.safetensors"} << "vit-z99";
}

void TestCli::usageErrors() {
  QFETCH(QStringList, arguments);
  QFETCH(QString, message);
  arguments.replaceInStrings(QRegularExpression("^M$"), model_);
  arguments.replaceInStrings(QRegularExpression("^I$"), path("small.jpg"));
  arguments.replaceInStrings(QRegularExpression("^D$"), dir_.path());
  arguments.replaceInStrings(QRegularExpression("^o.png$"), path("usage-out.png"));
  const Result r = runCli(arguments);
  QCOMPARE(r.exitCode, 2);
  QVERIFY2(QString(r.err + r.out).contains(message), (r.err + r.out).constData());
  QVERIFY(!QFile::exists(path("usage-out.png")));
}

void TestCli::helpAndVersion() {
  // COMMAND --help is that command's help (it used to print the global one); no argument is a usage error.
  const Result attention = runCli({"attention", "--help"});
  QCOMPARE(attention.exitCode, 0);
  QVERIFY2(attention.out.startsWith("usage: vitlens-cli attention "), attention.out.constData());
  QVERIFY(attention.out.contains("--discard R") && attention.out.contains("--heads N"));
  QVERIFY(!attention.out.contains("classify "));
  const Result train = runCli({"train", "--help"});
  QVERIFY(train.out.startsWith("usage: vitlens-cli train ") && train.out.contains("--resume"));
  const Result none = runCli({});
  QCOMPARE(none.exitCode, 2);
  QVERIFY(none.err.contains("usage: vitlens-cli COMMAND"));
  const Result version = runCli({"--version"});
  QCOMPARE(version.exitCode, 0);
  QVERIFY2(QRegularExpression("^vitlens-cli \\d+\\.\\d+\\.\\d+\n$").match(QString(version.out)).hasMatch(),
           version.out.constData());
  // Ranges read as a person writes them.
  const Result alpha = runCli({"attention", "--alpha", "2", "--out", path("a.png"), path("small.jpg")});
  QVERIFY2(alpha.err.contains("from 0 to 1 (got '2')"), alpha.err.constData());
}

void TestCli::badModelFiles_data() {
  QTest::addColumn<QByteArray>("bytes");
  QTest::addColumn<QString>("message");
  QFile good(model_);
  QVERIFY(good.open(QIODevice::ReadOnly));
  const QByteArray model = good.readAll();
  QTest::newRow("empty") << QByteArray() << "bad.safetensors";
  QTest::newRow("text file") << QByteArray("hello, I am not a model\n") << "bad.safetensors";
  QTest::newRow("truncated to half") << model.left(model.size() / 2) << "bad.safetensors";
  QTest::newRow("header only") << model.left(8 + int(qFromLittleEndian<quint64>(model.constData())))
                               << "bad.safetensors";
}

void TestCli::badModelFiles() {
  QFETCH(QByteArray, bytes);
  QFETCH(QString, message);
  QFile bad(path("bad.safetensors"));
  QVERIFY(bad.open(QIODevice::WriteOnly));
  bad.write(bytes);
  bad.close();
  const Result r = runCli({"classify", "--model", path("bad.safetensors"), path("small.jpg")});
  QCOMPARE(r.exitCode, 1);
  QVERIFY2(QString(r.err).contains(message), r.err.constData());
  QCOMPARE(r.err.count('\n'), 1);
  const Result missing = runCli({"info", "--model", path("nowhere.safetensors")});
  QCOMPARE(missing.exitCode, 1);
  QVERIFY(missing.err.contains("nowhere.safetensors"));
}

void TestCli::attentionWritesOverlayAndNpy_data() {
  QTest::addColumn<QStringList>("options");
  QTest::newRow("last layer, mean, class token") << QStringList{};
  QTest::newRow("layer 0, head 2, patch 27, grid, magma")
      << QStringList{"--layer", "0", "--head", "2", "--query", "27", "--grid", "--colormap", "magma"};
  QTest::newRow("rollout, max fusion, discard 0.9")
      << QStringList{"--method", "rollout", "--head", "max", "--discard", "0.9", "--colormap", "gray"};
}

void TestCli::attentionWritesOverlayAndNpy() {
  QFETCH(QStringList, options);
  const QString png = path(QString("attention-%1.png").arg(QTest::currentDataTag()).replace(' ', '_'));
  const QString npy = png + ".npy";
  const Result r = runCli(QStringList{"attention", "--model", model_, "--out", png, "--npy", npy} + options +
                          QStringList{path("wide.png")});
  QVERIFY2(r.exitCode == 0, r.err.constData());
  const cv::Mat overlay = cv::imread(png.toStdString(), cv::IMREAD_UNCHANGED);
  QCOMPARE(overlay.cols, 451);  // the image's own resolution
  QCOMPARE(overlay.rows, 300);
  QCOMPARE(overlay.channels(), 3);

  QFile file(npy);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QByteArray bytes = file.readAll();
  QVERIFY(bytes.startsWith("\x93NUMPY"));
  QVERIFY(bytes.contains("'shape': (8, 8)"));
  const int dataStart = 10 + (uchar(bytes[8]) | (uchar(bytes[9]) << 8));
  QCOMPARE(bytes.size() - dataStart, 64 * 4);
  const auto* values = reinterpret_cast<const float*>(bytes.constData() + dataStart);
  double sum = 0;
  for (int i = 0; i < 64; ++i) {
    QVERIFY(values[i] >= 0.0f);
    sum += values[i];
  }
  // Attention rows and rollout rows are probabilities: over the patches they sum to at most 1.
  QVERIFY2(sum > 0.0 && sum <= 1.0 + 1e-5, qPrintable(QString::number(sum)));
}

void TestCli::explainJsonAndNpy_data() {
  QTest::addColumn<QString>("method");
  QTest::addColumn<QString>("target");
  QTest::addColumn<int>("expectedIndex");  // -1: the top class
  QTest::newRow("gae, top class") << "gae"
                                  << "top" << -1;
  QTest::newRow("grad-rollout, class 3") << "grad-rollout"
                                         << "3" << 3;
  QTest::newRow("attn-grad, class by label") << "attn-grad"
                                             << "dog" << 5;
  QTest::newRow("occlusion, class by label, any case") << "occlusion"
                                                       << "AIRPLANE" << 0;
  QTest::newRow("rollout") << "rollout"
                           << "top" << -1;
  QTest::newRow("random") << "random"
                          << "top" << -1;
}

void TestCli::explainJsonAndNpy() {
  QFETCH(QString, method);
  QFETCH(QString, target);
  QFETCH(int, expectedIndex);
  const QString npy = path("explain-" + method + ".npy");
  const QString png = path("explain-" + method + ".png");
  const Result r = runCli({"explain", "--model", model_, "--method", method, "--class", target, "--json", "--npy", npy,
                           "--out", png, "--force", path("wide.png")});
  QVERIFY2(r.exitCode == 0, r.err.constData());
  const QJsonObject result = QJsonDocument::fromJson(r.out).object();
  QCOMPARE(result["image"].toString(), path("wide.png"));
  QCOMPARE(result["method"].toString(), method);
  const QJsonObject klass = result["class"].toObject();
  if (expectedIndex >= 0) QCOMPARE(klass["index"].toInt(), expectedIndex);
  QVERIFY(!klass["label"].toString().isEmpty());
  QVERIFY(klass["prob"].toDouble() > 0.0 && klass["prob"].toDouble() < 1.0);
  QCOMPARE(result["grid"].toArray(), (QJsonArray{8, 8}));
  QVERIFY(result["ms"].toDouble() >= 0.0);
  QFile file(npy);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QByteArray bytes = file.readAll();
  QVERIFY(bytes.contains("'descr': '<f4'") && bytes.contains("'shape': (8, 8)"));
  const cv::Mat overlay = cv::imread(png.toStdString());
  QCOMPARE(overlay.cols, 451);
}

void TestCli::explainOpensCheckpoints() {
  // A timm DeiT checkpoint through the whole command: class by label, the map on its 4 x 4 grid (the numbers are
  // tst_explanations' business); a model without a head has nothing to explain.
  const QString folder = QStringLiteral(VITLENS_FIXTURES_DIR) + "/interop/deit_distilled";
  const Result r =
      runCli({"explain", "--model", folder, "--method", "gae", "--class", "f", "--json", path("small.jpg")});
  QVERIFY2(r.exitCode == 0, r.err.constData());
  const QJsonObject result = QJsonDocument::fromJson(r.out).object();
  QCOMPARE(result["class"].toObject()["index"].toInt(), 5);
  QCOMPARE(result["class"].toObject()["label"].toString(), QStringLiteral("f"));
  QCOMPARE(result["grid"].toArray(), (QJsonArray{4, 4}));
  const Result headless = runCli({"explain", "--model", QStringLiteral(VITLENS_FIXTURES_DIR) + "/interop/timm_features",
                                  "--method", "gae", path("small.jpg")});
  QCOMPARE(headless.exitCode, 2);
  QVERIFY2(headless.err.contains("no classifier head"), headless.err.constData());
}

void TestCli::faithfulnessJsonCsvAndShards() {
  // Two classes of the model's labels, three images each.
  const QString data = path("faith");
  for (const char* label : {"cat", "dog"}) {
    QVERIFY(QDir().mkpath(data + "/" + label));
    for (int i = 0; i < 3; ++i) {
      cv::Mat image(32, 32, CV_8UC3);
      cv::randu(image, 0, 255);
      QVERIFY(cv::imwrite(QString("%1/%2/%3.png").arg(data, label).arg(i).toStdString(), image));
    }
  }
  const QString csv = path("faith.csv");
  const QStringList common{"faithfulness", "--model", model_, "--data", data, "--method", "gae,random", "--json"};
  const Result all = runCli(common + QStringList{"--csv", csv, "--force"});
  QVERIFY2(all.exitCode == 0, all.err.constData());
  const QJsonObject result = QJsonDocument::fromJson(all.out).object();
  QCOMPARE(result["images"].toInt(), 6);
  const QJsonArray steps = result["steps"].toArray();
  QCOMPARE(steps.size(), 10);  // 0, then 0.1 ... 0.9
  QCOMPARE(steps[0].toDouble(), 0.0);
  QCOMPARE(steps[9].toDouble(), 0.9);
  for (const char* name : {"gae", "random"}) {
    const QJsonObject method = result["methods"].toObject()[name].toObject();
    QCOMPARE(method["images"].toInt(), 6);
    for (const char* curve : {"positive", "negative", "deletion", "insertion"}) {
      const QJsonArray values = method[curve].toArray();
      QCOMPARE(values.size(), 10);
      double area = 0.0;
      for (int i = 1; i < 10; ++i) {
        area += (steps[i].toDouble() - steps[i - 1].toDouble()) * (values[i].toDouble() + values[i - 1].toDouble()) / 2;
      }
      QVERIFY(std::abs(method[QString(curve) + "_auc"].toDouble() - 100 * area) < 1e-9);
      QVERIFY(method[QString(curve) + "_auc"].toDouble() >= 0.0 && method[QString(curve) + "_auc"].toDouble() <= 90.0);
    }
    // Before anything is removed every image counts as it is classified: the curves' first points agree.
    QCOMPARE(method["positive"].toArray()[0].toDouble(), method["negative"].toArray()[0].toDouble());
  }
  QFile table(csv);
  QVERIFY(table.open(QIODevice::ReadOnly));
  const QList<QByteArray> rows = table.readAll().trimmed().split('\n');
  QCOMPARE(rows.size(), 1 + 6 * 2);  // header, an image x method per row
  QVERIFY(rows[0].startsWith("image,label,method,predicted,positive_auc"));

  // Two shards cover the six images once; the merge script gives back the whole run.
  const QString shard0 = path("shard0.json"), shard1 = path("shard1.json");
  for (const auto& [shard, file] :
       {std::pair{QStringLiteral("0/2"), shard0}, std::pair{QStringLiteral("1/2"), shard1}}) {
    const Result part = runCli(common + QStringList{"--shard", shard});
    QVERIFY2(part.exitCode == 0, part.err.constData());
    QCOMPARE(QJsonDocument::fromJson(part.out).object()["images"].toInt(), 3);
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(part.out);
  }
  if (!QFile::exists(QStringLiteral("/usr/bin/python3"))) QSKIP("no python3 for scripts/merge_faithfulness.py");
  QProcess merge;
  merge.start(QStringLiteral("/usr/bin/python3"),
              {QStringLiteral(VITLENS_SOURCE_DIR "/scripts/merge_faithfulness.py"), shard0, shard1});
  QVERIFY(merge.waitForFinished(60000));
  QCOMPARE(merge.exitCode(), 0);
  const QJsonObject merged = QJsonDocument::fromJson(merge.readAllStandardOutput()).object();
  QCOMPARE(merged["images"].toInt(), 6);
  for (const char* name : {"gae", "random"}) {
    for (const char* key : {"positive_auc", "negative_auc", "deletion_auc", "insertion_auc"}) {
      const double whole = result["methods"].toObject()[name].toObject()[key].toDouble();
      const double fromShards = merged["methods"].toObject()[name].toObject()[key].toDouble();
      QVERIFY2(std::abs(whole - fromShards) < 1e-6,
               qPrintable(QString("%1 %2: %3 vs %4").arg(name, key).arg(whole).arg(fromShards)));
    }
  }
}

void TestCli::experimentsAgreeWithEachOther() {
  const QString image = path("wide.png");
  // The scan's cell for head (0, 1) is what classify says with that head ablated, minus the plain probability.
  const Result scan = runCli({"ablate-scan", "--model", model_, "--class", "3", "--json", image});
  QVERIFY2(scan.exitCode == 0, scan.err.constData());
  const QJsonObject s = QJsonDocument::fromJson(scan.out).object();
  QCOMPARE(s["class"].toObject()["index"].toInt(), 3);
  const QJsonArray delta = s["delta"].toArray();
  QCOMPARE(delta.size(), 4);
  QCOMPARE(delta[0].toArray().size(), 4);
  const auto probabilityOf3 = [&](const QStringList& extra) {
    const Result r =
        runCli(QStringList{"classify", "--model", model_, "--topk", "10", "--json"} + extra + QStringList{image});
    const QJsonObject object = QJsonDocument::fromJson(r.out).array()[0].toObject();
    for (const QJsonValue& v : object["top"].toArray()) {
      if (v.toObject()["index"].toInt() == 3) return std::make_pair(v.toObject()["prob"].toDouble(), object);
    }
    return std::make_pair(-1.0, object);
  };
  const auto [plain, plainJson] = probabilityOf3({});
  const auto [ablated, ablatedJson] = probabilityOf3({"--ablate-heads", "0:1"});
  QVERIFY(std::abs(s["class"].toObject()["prob"].toDouble() - plain) < 1e-5);
  QVERIFY2(std::abs(delta[0].toArray()[1].toDouble() - (ablated - plain)) < 1e-5,
           qPrintable(QString("%1 vs %2").arg(delta[0].toArray()[1].toDouble()).arg(ablated - plain)));
  QVERIFY(!plainJson.contains("ablated"));
  QCOMPARE(ablatedJson["ablated"].toArray(), (QJsonArray{QJsonArray{0, 1}}));
  QCOMPARE(ablatedJson["dropped"].toArray(), QJsonArray{});
  const auto [dropped, droppedJson] = probabilityOf3({"--drop-patches", "9,0,9"});
  QCOMPARE(droppedJson["dropped"].toArray(), (QJsonArray{0, 9}));  // sorted, once each
  QVERIFY(dropped >= 0.0 && std::abs(dropped - plain) > 1e-7);
  // The last layer of the lens is the model's own prediction.
  const Result lens = runCli({"lens", "--model", model_, "--topk", "1", "--json", image});
  QVERIFY2(lens.exitCode == 0, lens.err.constData());
  const QJsonArray layers = QJsonDocument::fromJson(lens.out).object()["layers"].toArray();
  QCOMPARE(layers.size(), 4);
  QCOMPARE(layers[3].toObject()["layer"].toInt(), 3);
  QCOMPARE(layers[3].toObject()["top"].toArray()[0].toObject()["index"].toInt(),
           plainJson["top"].toArray()[0].toObject()["index"].toInt());
  // Token norms: the map on the grid, NaN where a patch was dropped.
  const QString npy = path("norms.npy");
  const Result tokens = runCli(
      {"tokens", "--model", model_, "--layer", "2", "--drop-patches", "5", "--npy", npy, "--force", "--json", image});
  QVERIFY2(tokens.exitCode == 0, tokens.err.constData());
  const QJsonObject t = QJsonDocument::fromJson(tokens.out).object();
  QCOMPARE(t["layer"].toInt(), 2);
  QCOMPARE(t["prefix"].toArray()[0].toObject()["token"].toString(), QStringLiteral("class"));
  QVERIFY(t["prefix"].toArray()[0].toObject()["norm"].toDouble() > 0.0);
  QCOMPARE(t["largest_patches"].toArray().size(), 5);
  const auto npyValues = [](const QString& name) {  // a float32 .npy's 64 values
    QFile file(name);
    std::vector<float> values(64, -1.0f);
    if (!file.open(QIODevice::ReadOnly)) return values;
    const QByteArray bytes = file.readAll();
    const int dataStart = 10 + (uchar(bytes[8]) | (uchar(bytes[9]) << 8));
    if (bytes.size() == dataStart + 64 * 4) std::memcpy(values.data(), bytes.constData() + dataStart, 64 * 4);
    return values;
  };
  const std::vector<float> norms = npyValues(npy);
  QVERIFY(std::isnan(norms[5]));
  QVERIFY(norms[4] > 0.0f && norms[6] > 0.0f);
  // explain --method tokens draws the same norms.
  const QString explained = path("explained-norms.npy");
  const Result tokenMap = runCli({"explain", "--model", model_, "--method", "tokens", "--layer", "2", "--drop-patches",
                                  "5", "--npy", explained, "--force", "--json", image});
  QVERIFY2(tokenMap.exitCode == 0, tokenMap.err.constData());
  const QJsonObject tm = QJsonDocument::fromJson(tokenMap.out).object();
  QCOMPARE(tm["dropped"].toArray(), QJsonArray{5});
  QVERIFY(std::abs(tm["prefix"].toObject()["class"].toDouble() -
                   t["prefix"].toArray()[0].toObject()["norm"].toDouble()) < 1e-5);
  const std::vector<float> explainedNorms = npyValues(explained);
  for (int p = 0; p < 64; ++p) {
    QVERIFY2(p == 5 ? std::isnan(explainedNorms[p]) : std::abs(explainedNorms[p] - norms[p]) < 1e-6,
             qPrintable(QString("patch %1").arg(p)));
  }
  // attention and explain on the changed model: the grid keeps its shape, NaN exactly at the dropped patches.
  for (const QStringList& command :
       {QStringList{"attention", "--out", path("changed.png")},
        QStringList{"explain", "--method", "gae", "--json", "--out", path("changed.png")}}) {
    const QString changedNpy = path("changed.npy");
    const Result r = runCli(command + QStringList{"--model", model_, "--ablate-heads", "1:0", "--drop-patches", "6,2",
                                                  "--npy", changedNpy, "--force", image});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const std::vector<float> map = npyValues(changedNpy);
    for (int p = 0; p < 64; ++p) QVERIFY(p == 2 || p == 6 ? std::isnan(map[p]) : std::isfinite(map[p]));
    if (command[0] == "explain") {
      const QJsonObject e = QJsonDocument::fromJson(r.out).object();
      QCOMPARE(e["ablated"].toArray(), (QJsonArray{QJsonArray{1, 0}}));
      QCOMPARE(e["dropped"].toArray(), (QJsonArray{2, 6}));
    } else {
      QVERIFY2(r.out.contains("heads ablated 1:0, patches dropped 2,6"), r.out.constData());
    }
  }
}

void TestCli::neverOverwritesWithoutForce() {
  const QString out = path("keep.png");
  QFile existing(out);
  QVERIFY(existing.open(QIODevice::WriteOnly));
  existing.write("precious");
  existing.close();
  const Result refused = runCli({"attention", "--model", model_, "--out", out, path("small.jpg")});
  QCOMPARE(refused.exitCode, 2);
  QVERIFY(refused.err.contains("--force"));
  QVERIFY(existing.open(QIODevice::ReadOnly));
  QCOMPARE(existing.readAll(), QByteArray("precious"));
  existing.close();
  const QString npy = path("keep.npy");
  QVERIFY(QFile::copy(out, npy));
  const Result refusedNpy =
      runCli({"attention", "--model", model_, "--out", path("fresh.png"), "--npy", npy, path("small.jpg")});
  QCOMPARE(refusedNpy.exitCode, 2);
  QVERIFY(!QFile::exists(path("fresh.png")));
  const Result forced = runCli({"attention", "--model", model_, "--force", "--out", out, path("small.jpg")});
  QCOMPARE(forced.exitCode, 0);
  QCOMPARE(cv::imread(out.toStdString()).cols, 32);
}

void TestCli::filters() {
  const Result plain = runCli({"filters", "--model", model_, "--out", path("filters.png")});
  QVERIFY2(plain.exitCode == 0, plain.err.constData());
  const cv::Mat tiles = cv::imread(path("filters.png").toStdString());
  QVERIFY(tiles.cols >= 7 * 32 && tiles.rows >= 7 * 32);  // 48 filters of 4x4 at 8x: a 7x7 montage of 32 px tiles
  const Result pca = runCli({"filters", "--model", model_, "--pca", "--out", path("pca.png")});
  QVERIFY2(pca.exitCode == 0, pca.err.constData());
  QVERIFY(!cv::imread(path("pca.png").toStdString()).empty());
}

void TestCli::nonUtf8FileNameKeepsJson() {
  // Linux file names are bytes: a Latin-1 name must not make the whole JSON report disappear.
  const QByteArray latin1Name = QFile::encodeName(dir_.path()) + "/caf\xe9.png";
  QVERIFY(QFile::copy(path("wide.png"), QFile::decodeName(latin1Name)));
  QProcess process;
  process.start(VITLENS_CLI_PATH, {"classify", "--model", model_, "--json", QFile::decodeName(latin1Name)});
  QVERIFY(process.waitForFinished(120000));
  QCOMPARE(process.exitCode(), 0);
  const QJsonArray results = QJsonDocument::fromJson(process.readAllStandardOutput()).array();
  QCOMPARE(results.size(), 1);
  QVERIFY(results[0].toObject().contains("top"));
}

void TestCli::cudaUnavailableIsUsageError() {
  const Result probe = runCli({"classify", "--model", model_, "--device", "cuda", path("small.jpg")});
  if (probe.exitCode == 0) QSKIP("this machine has CUDA");
  QCOMPARE(probe.exitCode, 2);
  QVERIFY(probe.err.contains("CUDA"));
  QCOMPARE(probe.err.count('\n'), 1);
}

void TestCli::withoutModelUsesTheBuiltInOne() {
  const Result r = runCli({"classify", "--device", "cpu", "--json", path("small.jpg")});
#ifdef VITLENS_EXPECT_DEFAULT_MODEL
  QVERIFY2(r.exitCode == 0, r.err.constData());
  QCOMPARE(QJsonDocument::fromJson(r.out).array()[0].toObject()["top"].toArray().size(), 5);
  const Result info = runCli({"info", "--json"});
  QCOMPARE(info.exitCode, 0);
  QVERIFY(QJsonDocument::fromJson(info.out).object()["model"].toString().startsWith("built-in"));
#else
  QCOMPARE(r.exitCode, 2);
  QVERIFY(r.err.contains("--model"));
#endif
}

QTEST_MAIN(TestCli)
#include "tst_cli.moc"
