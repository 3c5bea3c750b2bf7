// vitlens-cli with published checkpoints: --model on timm / Hugging Face folders and files, the loading options
// (--heads, --input-size, --labels) and `convert`, whose output must classify exactly like its source.
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QRegularExpression>
#include <QtTest>

#include "cli_runner.h"

namespace {

QString fixture(const QString& name) { return QStringLiteral(VITLENS_FIXTURES_DIR) + "/interop/" + name; }

QJsonArray topOf(const Result& result) {
  return QJsonDocument::fromJson(result.out).array().at(0).toObject()["top"].toArray();
}

}  // namespace

class TestImportCli : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void convertedClassifiesLikeItsSource_data();
  void convertedClassifiesLikeItsSource();
  void loadingOptions();
  void featureExtractorHasNoClasses();
  void errors_data();
  void errors();
  void hubCacheModels();

 private:
  QString path(const QString& name) const { return dir_.filePath(name); }
  QTemporaryDir dir_;
  QString image_;
};

void TestImportCli::initTestCase() {
  QVERIFY(dir_.isValid());
  cv::Mat image(90, 120, CV_8UC3);
  cv::randu(image, 0, 255);
  image_ = path("noise.png");
  QVERIFY(cv::imwrite(image_.toStdString(), image));
}

void TestImportCli::convertedClassifiesLikeItsSource_data() {
  QTest::addColumn<QString>("source");
  QTest::addColumn<QString>("format");
  QTest::newRow("timm folder") << fixture("timm_token") << "timm";
  QTest::newRow("deit config.json") << fixture("deit_distilled/config.json") << "timm";
  QTest::newRow("registers weights file") << fixture("timm_reg/model.safetensors") << "timm";
  QTest::newRow("hugging face folder") << fixture("hf_classifier") << "huggingface";
}

void TestImportCli::convertedClassifiesLikeItsSource() {
  QFETCH(QString, source);
  QFETCH(QString, format);
  const QString out = path(QString(QTest::currentDataTag()).replace(' ', '_') + ".safetensors");
  const Result convert = runCli({"convert", "--model", source, "--out", out, "--dtype", "float32"});
  QVERIFY2(convert.exitCode == 0, convert.err.constData());
  QVERIFY(convert.out.contains("parameters, float32"));

  const Result original = runCli({"classify", "--json", "--topk", "3", "--model", source, image_});
  const Result converted = runCli({"classify", "--json", "--topk", "3", "--model", out, image_});
  QVERIFY2(original.exitCode == 0, original.err.constData());
  QVERIFY2(converted.exitCode == 0, converted.err.constData());
  const QJsonArray a = topOf(original);
  const QJsonArray b = topOf(converted);
  QCOMPARE(a.size(), 3);
  QCOMPARE(b.size(), 3);
  for (int i = 0; i < 3; ++i) {
    QCOMPARE(b[i].toObject()["label"], a[i].toObject()["label"]);
    QVERIFY(std::abs(b[i].toObject()["prob"].toDouble() - a[i].toObject()["prob"].toDouble()) < 1e-6);
  }
  const Result info = runCli({"info", "--json", "--model", out});
  const QJsonObject provenance = QJsonDocument::fromJson(info.out).object()["provenance"].toObject();
  QCOMPARE(provenance["format"].toString(), format);
  QCOMPARE(provenance["converted_from"].toString(), source);

  const Result again = runCli({"convert", "--model", source, "--out", out});
  QCOMPARE(again.exitCode, 2);  // never overwrites without --force
}

void TestImportCli::loadingOptions() {
  const Result bare = runCli({"info", "--json", "--model", fixture("timm_bare")});
  QCOMPARE(bare.exitCode, 0);
  QVERIFY2(bare.err.contains("note: 1 heads, from a guess of width / 64"), bare.err.constData());
  const Result heads = runCli({"info", "--json", "--heads", "4", "--model", fixture("timm_bare")});
  QCOMPARE(QJsonDocument::fromJson(heads.out).object()["config"].toObject()["num_heads"].toInt(), 4);

  const Result resized = runCli({"info", "--json", "--input-size", "40x48", "--model", fixture("timm_token")});
  QCOMPARE(resized.exitCode, 0);
  const QJsonObject config = QJsonDocument::fromJson(resized.out).object()["config"].toObject();
  QCOMPARE(config["image_height"].toInt(), 40);
  QCOMPARE(config["image_width"].toInt(), 48);
  QVERIFY2(resized.err.contains("interpolated (bicubic) from 4x4 to 5x6 patches"), resized.err.constData());

  QFile labels(path("labels.txt"));
  QVERIFY(labels.open(QIODevice::WriteOnly));
  labels.write("zero\none\ntwo\nthree\nfour\n");
  labels.close();
  const Result relabelled = runCli(
      {"classify", "--json", "--topk", "5", "--labels", path("labels.txt"), "--model", fixture("timm_token"), image_});
  QCOMPARE(relabelled.exitCode, 0);
  QStringList names;
  for (const auto& score : topOf(relabelled)) names << score.toObject()["label"].toString();
  names.sort();
  QCOMPARE(names, (QStringList{"four", "one", "three", "two", "zero"}));
}

void TestImportCli::featureExtractorHasNoClasses() {
  const Result result = runCli({"classify", "--model", fixture("hf_model"), image_});
  QCOMPARE(result.exitCode, 0);
  QVERIFY2(result.out.contains("no classifier head"), result.out.constData());
  const Result attention = runCli({"attention", "--model", fixture("hf_model"), "--out", path("hf_model.png"), image_});
  QVERIFY2(attention.exitCode == 0, attention.err.constData());
  QVERIFY(QFile::exists(path("hf_model.png")));
}

void TestImportCli::errors_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<int>("exitCode");
  QTest::addColumn<QString>("message");
  QTest::newRow("convert without --out") << QStringList{"convert", "--model", fixture("timm_token")} << 2
                                         << "convert needs --out";
  QTest::newRow("bad input size") << QStringList{"info", "--input-size", "big", "--model", fixture("timm_token")} << 2
                                  << "must be N or HxW";
  QTest::newRow("input size not a patch multiple")
      << QStringList{"info", "--input-size", "30", "--model", fixture("timm_token")} << 1
      << "not a multiple of the patch size 8";
  QTest::newRow("folder without weights")
      << QStringList{"info", "--model", QStringLiteral(VITLENS_FIXTURES_DIR) + "/interop"} << 1
      << "no .safetensors model file in this folder";
  QTest::newRow("missing path") << QStringList{"info", "--model", fixture("absent/model.safetensors")} << 1
                                << "absent/model.safetensors";
  QTest::newRow("evaluate a feature extractor")
      << QStringList{"evaluate", "--model", fixture("hf_model"), "--data", QStringLiteral(VITLENS_FIXTURES_DIR)} << 1
      << "no classifier head";
}

void TestImportCli::errors() {
  QFETCH(QStringList, arguments);
  QFETCH(int, exitCode);
  QFETCH(QString, message);
  const Result result = runCli(arguments);
  QCOMPARE(result.exitCode, exitCode);
  QVERIFY2(QString(result.err).contains(message), result.err.constData());
  // One line of error; what loading assumed may come before it as notes.
  const QStringList lines = QString::fromUtf8(result.err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("^vitlens-cli: (?!note: )"))).size(), 1);
}

// vitlens-cli models lists the hub cache's ViTs; --model hf:ORG/NAME classifies as the snapshot folder does.
void TestImportCli::hubCacheModels() {
  const QString cache = path("hub");
  const QString commit = QStringLiteral("fedcba9876543210fedcba9876543210fedcba98");
  const QString snapshot = cache + "/models--timm--vit_token/snapshots/" + commit;
  QVERIFY(QDir().mkpath(snapshot));
  QVERIFY(QDir().mkpath(cache + "/models--timm--vit_token/refs"));
  for (const char* name : {"model.safetensors", "config.json"}) {
    QVERIFY(QFile::copy(fixture("timm_token") + "/" + name, snapshot + "/" + name));
  }
  QFile ref(cache + "/models--timm--vit_token/refs/main");
  QVERIFY(ref.open(QIODevice::WriteOnly));
  ref.write(commit.toUtf8() + "\n");
  ref.close();
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("HF_HUB_CACHE"), cache);
  environment.insert(QStringLiteral("HF_HUB_OFFLINE"), QStringLiteral("1"));  // never the real hub from a test
  const Result list = runProgram(QStringLiteral(VITLENS_CLI_PATH), {"models", "--json"}, environment);
  QVERIFY2(list.exitCode == 0, list.err.constData());
  const QJsonObject listed = QJsonDocument::fromJson(list.out).object();
  QCOMPARE(listed["cache"].toString(), cache);
  QCOMPARE(listed["models"].toArray().size(), 1);
  const QJsonObject model = listed["models"].toArray()[0].toObject();
  QCOMPARE(model["reference"].toString(), QStringLiteral("hf:timm/vit_token@main"));
  QCOMPARE(model["supported"].toBool(), true);
  QCOMPARE(model["library"].toString(), QStringLiteral("timm"));

  const Result viaHub = runProgram(QStringLiteral(VITLENS_CLI_PATH),
                                   {"classify", "--model", "hf:timm/vit_token", "--json", image_}, environment);
  const Result viaFolder = runCli({"classify", "--model", fixture("timm_token"), "--json", image_});
  QVERIFY2(viaHub.exitCode == 0, viaHub.err.constData());
  QCOMPARE(QJsonDocument::fromJson(viaHub.out).array()[0].toObject()["top"],
           QJsonDocument::fromJson(viaFolder.out).array()[0].toObject()["top"]);
  const Result absent = runProgram(QStringLiteral(VITLENS_CLI_PATH),
                                   {"classify", "--model", "hf:google/vit-base-patch16-224", image_}, environment);
  QCOMPARE(absent.exitCode, 1);
  QVERIFY2(absent.err.contains("not in the Hugging Face cache") && absent.err.contains("HF_HUB_OFFLINE"),
           absent.err.constData());
  QCOMPARE(absent.err.count('\n'), 1);
}

QTEST_MAIN(TestImportCli)
#include "tst_import_cli.moc"
