// Numerics against an independent float64 Python re-implementation of timm's ViT forward
// (tests/fixtures/make_reference.py): model files in F32 and F16, logits and every layer's attention.
#include <torch/utils.h>

#include <string>

#include "model/model_file.h"
#include "model/model_source.h"
#include "model/safetensors.h"

#include <QtTest>

class TestReferenceNumerics : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void matchesReference_data();
  void matchesReference();
};

void TestReferenceNumerics::matchesReference_data() {
  QTest::addColumn<QString>("config");
  QTest::addColumn<QString>("dtype");
  for (const char* config : {"token16x24", "avg8x12"}) {
    for (const char* dtype : {"f32", "f16"}) {
      QTest::newRow(qPrintable(QString("%1 %2").arg(config, dtype))) << QString(config) << QString(dtype);
    }
  }
}

void TestReferenceNumerics::matchesReference() {
  QFETCH(QString, config);
  QFETCH(QString, dtype);
  const std::string dir = VITLENS_FIXTURES_DIR;
  const std::string modelPath = dir + "/model_" + config.toStdString() + "_" + dtype.toStdString() + ".safetensors";
  const std::string ioPath = dir + "/io_" + config.toStdString() + ".safetensors";
  if (!QFile::exists(QString::fromStdString(modelPath))) QFAIL("fixture missing: run tests/fixtures/make_reference.py");

  torch::NoGradGuard noGrad;
  auto loaded = vitlens::loadAnyModel(modelPath, torch::kCPU);
  const auto io = vitlens::readSafetensors(ioPath);
  // The script writes the metadata by hand, byte for byte as ModelMeta::toMetadata() does.
  QCOMPARE(loaded.meta.toMetadata(), vitlens::readSafetensors(modelPath).metadata);
  QCOMPARE(loaded.meta.name, config.toStdString());

  const auto* input = io.find("input");
  const auto* expectedLogits = io.find(dtype.toStdString() + ".logits");
  QVERIFY(input != nullptr && expectedLogits != nullptr);
  const auto output = loaded.model->forward(*input, /*captureAttention=*/true);
  const auto fast = loaded.model->forward(*input);

  // |a - b| <= 1e-4 * max(1, |b|)
  const auto bound = expectedLogits->abs().clamp_min(1.0) * 1e-4;
  const auto excess = ((output.logits - *expectedLogits).abs() - bound).max().item<double>();
  QVERIFY2(excess <= 0.0, qPrintable(QString("logits off by %1 beyond the bound").arg(excess)));
  const auto fastExcess = ((fast.logits - *expectedLogits).abs() - bound).max().item<double>();
  QVERIFY2(fastExcess <= 0.0, qPrintable(QString("fast-path logits off by %1 beyond the bound").arg(fastExcess)));
  QVERIFY(expectedLogits->abs().max().item<double>() > 0.1);  // a non-trivial signal

  QCOMPARE(static_cast<int64_t>(output.attention.size()), loaded.meta.config.depth);
  for (size_t layer = 0; layer < output.attention.size(); ++layer) {
    const auto* expected = io.find(dtype.toStdString() + ".attn." + std::to_string(layer));
    QVERIFY(expected != nullptr);
    QCOMPARE(output.attention[layer].sizes().vec(), expected->sizes().vec());
    const double error = (output.attention[layer] - *expected).abs().max().item<double>();
    QVERIFY2(error <= 1e-5, qPrintable(QString("layer %1 attention off by %2").arg(layer).arg(error)));
    QVERIFY(expected->max().item<double>() > 2.0 / expected->size(-1));  // not uniform
  }
}

QTEST_MAIN(TestReferenceNumerics)
#include "tst_reference_numerics.moc"
