// Head ablation, patch dropping, logit lens and token norms (model/interventions.h, VisionTransformer) against
// the float64 reference of tests/fixtures/make_interventions.py on the timm interop checkpoints.
#include <ATen/ATen.h>

#include <QtTest>

#include <filesystem>
#include <string>

#include "model/interventions.h"
#include "model/model_source.h"
#include "model/safetensors.h"

namespace fs = std::filesystem;
using vitlens::Interventions;

namespace {

std::string fixture(const std::string& name) { return std::string(VITLENS_FIXTURES_DIR) + "/interop/" + name; }

QString excess(const at::Tensor& actual, const at::Tensor& expected, double tolerance, bool relative) {
  if (actual.sizes() != expected.sizes()) return QStringLiteral("shapes differ");
  const at::Tensor a = actual.to(at::kDouble), e = expected.to(at::kDouble);
  const double scale = relative ? std::max(1e-12, e.abs().max().item<double>()) : 1.0;
  const double error = (a - e).abs().max().item<double>() / scale;
  return error <= tolerance ? QString() : QString("off by %1").arg(error);
}

at::Tensor probabilities(vitlens::VisionTransformer& model, const at::Tensor& input, const Interventions& change) {
  at::NoGradGuard noGrad;
  return at::softmax(model->forward(input, false, change).logits, -1)[0];
}

}  // namespace

class TestInterventions : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void matchesTheReference_data() {
    QTest::addColumn<QString>("name");
    for (const char* name : {"timm_token", "timm_avg", "timm_cls_avg", "deit_distilled", "timm_reg"}) {
      QTest::newRow(name) << name;
    }
  }
  void matchesTheReference() {
    QFETCH(QString, name);
    const std::string folder = fixture(name.toStdString());
    if (!fs::exists(folder + "/interventions.safetensors")) QFAIL("run tests/fixtures/make_interventions.py");
    auto loaded = vitlens::loadAnyModel(folder, torch::kCPU);
    vitlens::VisionTransformer& model = loaded.model;
    const vitlens::VitConfig& config = loaded.meta.config;
    const auto reference = vitlens::readSafetensors(folder + "/interventions.safetensors");
    const at::Tensor input = vitlens::readSafetensors(folder + "/expected.safetensors").find("input")->narrow(0, 0, 1);
    const auto want = [&](const std::string& key) { return *reference.find(key); };
    const auto check = [&](const Interventions& change, const std::string& key) {
      const QString error = excess(probabilities(model, input, change), want(key), 1e-5, false);
      QVERIFY2(error.isEmpty(), qPrintable(QString::fromStdString(key) + " " + error));
    };

    Interventions none;
    check(none, "probs.plain");
    Interventions ablate;
    ablate.ablatedHeads = {{0, 1}, {1, 0}};
    check(ablate, "probs.ablate");
    Interventions all;
    for (int l = 0; l < config.depth; ++l)
      for (int h = 0; h < config.numHeads; ++h) all.ablatedHeads.emplace_back(l, h);
    check(all, "probs.ablate_all");  // only the MLP path is left
    Interventions drop;
    for (int p : {0, 3, 5})
      if (p < config.numPatches()) drop.droppedPatches.push_back(p);
    check(drop, "probs.drop");
    Interventions oneLeft;
    for (int p = 0; p < config.numPatches(); ++p)
      if (p != 2) oneLeft.droppedPatches.push_back(p);
    vitlens::validateInterventions(oneLeft, config);  // dropping all but one is allowed
    check(oneLeft, "probs.drop_all_but_one");
    Interventions both = ablate;
    both.droppedPatches = drop.droppedPatches;
    check(both, "probs.both");

    at::NoGradGuard noGrad;
    std::vector<at::Tensor> outputs;
    const std::vector<at::Tensor> lens = model->logitLens(input, {}, &outputs);
    QCOMPARE(static_cast<int64_t>(lens.size()), config.depth);
    for (size_t l = 0; l < lens.size(); ++l) {
      const QString error = excess(at::softmax(lens[l], -1)[0], want("lens")[static_cast<int64_t>(l)], 1e-5, false);
      QVERIFY2(error.isEmpty(), qPrintable(QString("lens layer %1 %2").arg(l).arg(error)));
      const QString normError = excess(outputs[l][0].norm(2, -1), want("norms." + std::to_string(l)), 1e-5, true);
      QVERIFY2(normError.isEmpty(), qPrintable(QString("norms layer %1 %2").arg(l).arg(normError)));
    }
    // The last layer's lens is the model's own output.
    QVERIFY(at::allclose(lens.back(), model->forward(input).logits, 1e-6, 1e-6));
    std::vector<at::Tensor> droppedOutputs;
    model->logitLens(input, drop, &droppedOutputs);
    const QString dropNorms = excess(droppedOutputs[1][0].norm(2, -1), want("norms.drop.1"), 1e-5, true);
    QVERIFY2(dropNorms.isEmpty(), qPrintable("norms with dropped patches " + dropNorms));
  }

  void nothingChangedIsBitIdentical() {
    auto loaded = vitlens::loadAnyModel(fixture("timm_reg"), torch::kCPU);
    at::NoGradGuard noGrad;
    const at::Tensor input = at::randn({2, 3, 56, 56});
    const auto plain = loaded.model->forward(input, true);
    const auto unchanged = loaded.model->forward(input, true, Interventions{});
    QVERIFY(at::equal(plain.logits, unchanged.logits));
    for (size_t l = 0; l < plain.attention.size(); ++l) QVERIFY(at::equal(plain.attention[l], unchanged.attention[l]));
    // An ablated head still computes (and shows) its attention.
    Interventions ablate;
    ablate.ablatedHeads = {{1, 2}};
    const auto changed = loaded.model->forward(input, true, ablate);
    QVERIFY(at::equal(changed.attention[0], plain.attention[0]));
    QVERIFY(
        at::equal(changed.attention[1], plain.attention[1]));  // layer 1's own attention is upstream of its ablation
    QVERIFY(!at::equal(changed.logits, plain.logits));
  }

  void specsAreCheckedAgainstTheModel_data() {
    QTest::addColumn<QString>("heads");
    QTest::addColumn<QString>("patches");
    QTest::addColumn<QString>("message");
    QTest::newRow("layer beyond") << "9:0"
                                  << ""
                                  << "--ablate-heads 9:0: the model has 2 layers (0..1)";
    QTest::newRow("head beyond") << "1:4"
                                 << ""
                                 << "--ablate-heads 1:4: the model has 4 heads (0..3)";
    QTest::newRow("patch beyond") << ""
                                  << "16"
                                  << "--drop-patches 16: the grid has 16 patches (0..15)";
    QTest::newRow("no colon") << "3"
                              << ""
                              << "--ablate-heads: '3' in '3' is not LAYER:HEAD (e.g. 3:1)";
    QTest::newRow("not a number") << ""
                                  << "1,x"
                                  << "--drop-patches: 'x' in '1,x' is not a number from 0 up";
    QTest::newRow("empty item") << ""
                                << "1,,2"
                                << "--drop-patches: '' in '1,,2' is not a number from 0 up";
    QTest::newRow("every patch") << ""
                                 << "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15"
                                 << "--drop-patches would drop every patch: keep at least one";
  }
  void specsAreCheckedAgainstTheModel() {
    QFETCH(QString, heads);
    QFETCH(QString, patches);
    QFETCH(QString, message);
    const auto loaded = vitlens::loadAnyModel(fixture("timm_token"), torch::kCPU);  // 2 layers, 4 heads, 4 x 4
    try {
      Interventions change;
      if (!heads.isEmpty()) change.ablatedHeads = vitlens::parseHeadList(heads.toStdString());
      if (!patches.isEmpty()) change.droppedPatches = vitlens::parsePatchList(patches.toStdString());
      vitlens::validateInterventions(change, loaded.meta.config);
      QFAIL("accepted");
    } catch (const std::invalid_argument& error) {
      QCOMPARE(QString::fromStdString(error.what()), message);
    }
  }

  void listsAreSortedAndDeduplicated() {
    const auto loaded = vitlens::loadAnyModel(fixture("timm_token"), torch::kCPU);
    Interventions change;
    change.ablatedHeads = vitlens::parseHeadList("1:2,0:3,1:2");
    change.droppedPatches = vitlens::parsePatchList("7,2,7");
    vitlens::validateInterventions(change, loaded.meta.config);
    QCOMPARE(QString::fromStdString(vitlens::headListText(change.ablatedHeads)), QStringLiteral("0:3,1:2"));
    QCOMPARE(change.droppedPatches, (std::vector<int>{2, 7}));
  }
};

QTEST_GUILESS_MAIN(TestInterventions)
#include "tst_interventions.moc"
