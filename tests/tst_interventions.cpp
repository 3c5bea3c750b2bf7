// Head ablation, patch dropping, logit lens and token norms (model/interventions.h, VisionTransformer) against
// the float64 reference of tests/fixtures/make_interventions.py on the timm interop checkpoints.
#include <ATen/ATen.h>

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <string>

#include "analysis/attention_distance.h"
#include "analysis/attention_map.h"
#include "analysis/explanation.h"
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

  // Maps of a changed pass: the captured attention (heads ablated, patches dropped) against the reference, and
  // every map over the grid keeps the grid's shape with NaN exactly at the dropped patches.
  void mapsOfAChangedPass_data() { matchesTheReference_data(); }
  void mapsOfAChangedPass() {
    QFETCH(QString, name);
    const std::string folder = fixture(name.toStdString());
    auto loaded = vitlens::loadAnyModel(folder, torch::kCPU);
    vitlens::VisionTransformer& model = loaded.model;
    const vitlens::VitConfig& config = loaded.meta.config;
    const auto reference = vitlens::readSafetensors(folder + "/interventions.safetensors");
    const at::Tensor input = vitlens::readSafetensors(folder + "/expected.safetensors").find("input")->narrow(0, 0, 1);
    Interventions both;
    both.ablatedHeads = {{0, 1}, {1, 0}};
    for (int p : {0, 3, 5})
      if (p < config.numPatches()) both.droppedPatches.push_back(p);
    vitlens::validateInterventions(both, config);
    const vitlens::TokenLayout layout = vitlens::tokenLayoutOf(config, both.droppedPatches);
    QCOMPARE(layout.patchTokens(), config.numPatches() - static_cast<int64_t>(both.droppedPatches.size()));

    std::vector<at::Tensor> attention;
    {
      at::NoGradGuard noGrad;
      attention = model->forward(input, true, both).attention;  // L x (1, heads, N', N')
    }
    for (size_t l = 0; l < attention.size(); ++l) {
      const QString error =
          excess(attention[l][0], *reference.find("attention.both." + std::to_string(l)), 1e-5, false);
      QVERIFY2(error.isEmpty(), qPrintable(QString("attention layer %1 %2").arg(l).arg(error)));
    }
    // The grid map of the first kept patch's query: the reference row at the kept cells, NaN at the dropped ones.
    const int64_t query = layout.keptPatches.front();
    const int64_t queryToken = vitlens::patchToken(layout, query);
    QCOMPARE(vitlens::patchToken(layout, both.droppedPatches.front()), int64_t(-1));
    const at::Tensor map = vitlens::attentionMap(attention, 1, {vitlens::HeadReduce::Mean, 0}, queryToken, layout);
    QCOMPARE(map.sizes(), (at::IntArrayRef{config.gridHeight(), config.gridWidth()}));
    const at::Tensor referenceRow = reference.find("attention.both.1")->mean(0)[queryToken];  // (N')
    for (int64_t p = 0; p < config.numPatches(); ++p) {
      const float value = map.flatten()[p].item<float>();
      const int64_t token = vitlens::patchToken(layout, p);
      if (token < 0) {
        QVERIFY2(std::isnan(value), qPrintable(QString("patch %1 was dropped").arg(p)));
      } else {
        QVERIFY(std::abs(value - referenceRow[token].item<float>()) < 1e-5);
      }
    }
    // Mean attention distance over the kept patches, as its definition reads, from the reference attention.
    const at::Tensor distance = vitlens::meanAttentionDistance(attention, layout, 1.0);  // (L, heads)
    const at::Tensor ref = reference.find("attention.both.0")->to(at::kDouble);          // (heads, N', N')
    double expected = 0.0;
    for (int64_t q = 0; q < layout.patchTokens(); ++q) {
      double weighted = 0.0, mass = 0.0;
      for (int64_t k = 0; k < layout.patchTokens(); ++k) {
        const int64_t a = layout.keptPatches[q], b = layout.keptPatches[k];
        const double w = ref[0][layout.prefixTokens + q][layout.prefixTokens + k].item<double>();
        weighted += w * std::hypot(double(a / config.gridWidth() - b / config.gridWidth()),
                                   double(a % config.gridWidth() - b % config.gridWidth()));
        mass += w;
      }
      expected += weighted / mass / layout.patchTokens();
    }
    QVERIFY(std::abs(distance[0][0].item<double>() - expected) < 1e-5);

    // Every method's map has the grid's shape, NaN at the dropped patches and finite values elsewhere.
    for (const auto method : {vitlens::MapMethod::Raw, vitlens::MapMethod::Rollout, vitlens::MapMethod::Gae,
                              vitlens::MapMethod::GradRollout, vitlens::MapMethod::AttnGrad,
                              vitlens::MapMethod::Occlusion, vitlens::MapMethod::Random, vitlens::MapMethod::Tokens}) {
      vitlens::MapRequest request;
      request.method = method;
      const at::Tensor changed = vitlens::explanationMap(model, input, request, 0, both);
      QCOMPARE(changed.sizes(), (at::IntArrayRef{config.gridHeight(), config.gridWidth()}));
      const at::Tensor missing = at::isnan(changed).flatten();
      for (int64_t p = 0; p < config.numPatches(); ++p) {
        const bool dropped = vitlens::patchToken(layout, p) < 0;
        QVERIFY2(missing[p].item<bool>() == dropped,
                 qPrintable(QString::fromStdString(vitlens::mapMethodName(method)) + QString(" patch %1").arg(p)));
      }
      // Nothing changed: the same map as without interventions.
      const at::Tensor plain = vitlens::explanationMap(model, input, request, 0);
      QVERIFY(at::equal(plain, vitlens::explanationMap(model, input, request, 0, Interventions{})));
    }
    // Token norms as a map: the reference norms of layer 1 with the patches dropped (no ablation).
    Interventions drop;
    drop.droppedPatches = both.droppedPatches;
    vitlens::MapRequest tokens;
    tokens.method = vitlens::MapMethod::Tokens;
    tokens.layer = 1;
    const at::Tensor norms = vitlens::explanationMap(model, input, tokens, 0, drop).flatten();
    const at::Tensor referenceNorms = *reference.find("norms.drop.1");  // (N')
    for (int64_t k = 0; k < layout.patchTokens(); ++k) {
      const double want = referenceNorms[layout.prefixTokens + k].item<double>();
      QVERIFY(std::abs(norms[layout.keptPatches[k]].item<double>() - want) <= 1e-5 * want);
    }
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
