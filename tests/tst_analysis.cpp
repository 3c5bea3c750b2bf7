// Head fusion, query maps, attention rollout and filter tiles against plain-loop reference computations.
#include <ATen/ATen.h>
#include <opencv2/core.hpp>

#include "analysis/attention_distance.h"
#include "analysis/attention_map.h"
#include "analysis/patch_filters.h"
#include "analysis/position_similarity.h"
#include "analysis/rollout.h"

#include <QtTest>

using vitlens::HeadReduce;
using vitlens::HeadSelection;
using vitlens::TokenLayout;

namespace {

// L x (1, heads, N, N) of random row-stochastic matrices.
std::vector<at::Tensor> randomAttention(int64_t layers, int64_t heads, int64_t tokens, uint64_t seed) {
  at::manual_seed(seed);
  std::vector<at::Tensor> attention;
  for (int64_t l = 0; l < layers; ++l)
    attention.push_back(at::softmax(3.0 * at::randn({1, heads, tokens, tokens}), -1));
  return attention;
}

using Matrix = std::vector<std::vector<double>>;

Matrix toMatrix(const at::Tensor& t) {  // (N, N)
  Matrix m(static_cast<size_t>(t.size(0)), std::vector<double>(static_cast<size_t>(t.size(1))));
  for (int64_t i = 0; i < t.size(0); ++i)
    for (int64_t j = 0; j < t.size(1); ++j) m[i][j] = t[i][j].item<double>();
  return m;
}

// Abnar & Zuidema rollout with mean fusion and no discard, written with loops only.
Matrix referenceRollout(const std::vector<at::Tensor>& attention) {
  const size_t n = static_cast<size_t>(attention[0].size(2));
  Matrix result;
  for (const at::Tensor& layer : attention) {
    Matrix fused = toMatrix(layer[0].mean(0));
    for (size_t i = 0; i < n; ++i) {
      double sum = 0;
      for (size_t j = 0; j < n; ++j) sum += (fused[i][j] = 0.5 * fused[i][j] + (i == j ? 0.5 : 0.0));
      for (size_t j = 0; j < n; ++j) fused[i][j] /= sum;
    }
    if (result.empty()) {
      result = fused;
      continue;
    }
    Matrix next(n, std::vector<double>(n, 0.0));
    for (size_t i = 0; i < n; ++i)
      for (size_t k = 0; k < n; ++k)
        for (size_t j = 0; j < n; ++j) next[i][j] += fused[i][k] * result[k][j];
    result = next;
  }
  return result;
}

}  // namespace

class TestAnalysis : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void headSelectionParse_data();
  void headSelectionParse();
  void fuseHeads_data();
  void fuseHeads();
  void queryMapExcludesPrefixTokens_data();
  void queryMapExcludesPrefixTokens();
  void badIndicesThrow();
  void rolloutMatchesReference_data();
  void rolloutMatchesReference();
  void rolloutInvariants_data();
  void rolloutInvariants();
  void rolloutWithoutClassTokenAveragesPatchRows();
  void discardDropsTheWeakestLinksByHand();
  void filterTilesAreNormalisedPerFilter();
  void filterPrincipalComponents();
  void meanDistanceMatchesLoops_data();
  void meanDistanceMatchesLoops();
  void meanDistanceOfKnownPatterns();
  void positionSimilarity();
};

void TestAnalysis::headSelectionParse_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<int>("reduce");
  QTest::addColumn<int>("head");
  QTest::addColumn<bool>("valid");
  QTest::newRow("mean") << "mean" << int(HeadReduce::Mean) << 0 << true;
  QTest::newRow("max") << "max" << int(HeadReduce::Max) << 0 << true;
  QTest::newRow("min") << "min" << int(HeadReduce::Min) << 0 << true;
  QTest::newRow("head 3") << "3" << int(HeadReduce::Single) << 3 << true;
  QTest::newRow("negative") << "-1" << 0 << 0 << false;
  QTest::newRow("word") << "avg" << 0 << 0 << false;
  QTest::newRow("empty") << "" << 0 << 0 << false;
  QTest::newRow("huge") << "99999999999" << 0 << 0 << false;
}

void TestAnalysis::headSelectionParse() {
  QFETCH(QString, text);
  QFETCH(int, reduce);
  QFETCH(int, head);
  QFETCH(bool, valid);
  if (!valid) {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, HeadSelection::parse(text.toStdString()));
    return;
  }
  const HeadSelection selection = HeadSelection::parse(text.toStdString());
  QCOMPARE(int(selection.reduce), reduce);
  if (selection.reduce == HeadReduce::Single) QCOMPARE(selection.head, head);
  QCOMPARE(QString::fromStdString(selection.toString()), text);
}

void TestAnalysis::fuseHeads_data() {
  QTest::addColumn<QString>("selection");
  QTest::addColumn<double>("expected");  // entry [0][1] for heads holding 0.1, 0.5, 0.3 there
  QTest::newRow("head 1") << "1" << 0.5;
  QTest::newRow("mean") << "mean" << 0.3;
  QTest::newRow("max") << "max" << 0.5;
  QTest::newRow("min") << "min" << 0.1;
}

void TestAnalysis::fuseHeads() {
  QFETCH(QString, selection);
  QFETCH(double, expected);
  at::Tensor heads = at::zeros({3, 2, 2});
  heads[0][0][1] = 0.1;
  heads[1][0][1] = 0.5;
  heads[2][0][1] = 0.3;
  const at::Tensor fused = vitlens::fuseHeads(heads, HeadSelection::parse(selection.toStdString()));
  QCOMPARE(fused.sizes().vec(), (std::vector<int64_t>{2, 2}));
  QVERIFY(std::abs(fused[0][1].item<double>() - expected) < 1e-6);
}

void TestAnalysis::queryMapExcludesPrefixTokens_data() {
  QTest::addColumn<int>("prefix");
  QTest::addColumn<int>("rows");
  QTest::addColumn<int>("cols");
  QTest::addColumn<int>("query");
  QTest::newRow("class token, 4x4, cls query") << 1 << 4 << 4 << 0;
  QTest::newRow("class token, 3x5, patch query") << 1 << 3 << 5 << 7;
  QTest::newRow("no prefix, 2x3") << 0 << 2 << 3 << 4;
  QTest::newRow("two prefix tokens, 2x2") << 2 << 2 << 2 << 1;
}

void TestAnalysis::queryMapExcludesPrefixTokens() {
  QFETCH(int, prefix);
  QFETCH(int, rows);
  QFETCH(int, cols);
  QFETCH(int, query);
  const TokenLayout layout{prefix, rows, cols};
  const auto attention = randomAttention(2, 3, layout.tokens(), 7);
  const at::Tensor map = vitlens::attentionMap(attention, 1, HeadSelection::parse("2"), query, layout);
  QCOMPARE(map.sizes().vec(), (std::vector<int64_t>{rows, cols}));
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      const double expected = attention[1][0][2][query][prefix + r * cols + c].item<double>();
      QVERIFY(std::abs(map[r][c].item<double>() - expected) < 1e-7);
    }
  }
  // What is left of the row is the attention paid to the prefix tokens.
  const double prefixMass = prefix ? attention[1][0][2][query].slice(0, 0, prefix).sum().item<double>() : 0.0;
  QVERIFY(std::abs(map.sum().item<double>() + prefixMass - 1.0) < 1e-5);
}

void TestAnalysis::badIndicesThrow() {
  const TokenLayout layout{1, 2, 2};
  const auto attention = randomAttention(2, 3, layout.tokens(), 1);
  QVERIFY_THROWS_EXCEPTION(std::out_of_range, vitlens::attentionMap(attention, 2, {}, 0, layout));
  QVERIFY_THROWS_EXCEPTION(std::out_of_range, vitlens::attentionMap(attention, -1, {}, 0, layout));
  QVERIFY_THROWS_EXCEPTION(std::out_of_range,
                           vitlens::attentionMap(attention, 0, HeadSelection::parse("3"), 0, layout));
  QVERIFY_THROWS_EXCEPTION(std::out_of_range, vitlens::attentionMap(attention, 0, {}, 5, layout));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::attentionMap(attention, 0, {}, 0, TokenLayout{1, 3, 3}));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::rolloutFactor(attention[0][0], HeadReduce::Single, 0.0));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::rolloutFactor(attention[0][0], HeadReduce::Mean, 1.0));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::rolloutMatrix({}, HeadReduce::Mean, 0.0));
}

void TestAnalysis::rolloutMatchesReference_data() {
  QTest::addColumn<int>("layers");
  QTest::addColumn<int>("tokens");
  QTest::newRow("1 layer, 5 tokens") << 1 << 5;
  QTest::newRow("4 layers, 17 tokens") << 4 << 17;
  QTest::newRow("6 layers, 10 tokens") << 6 << 10;
}

void TestAnalysis::rolloutMatchesReference() {
  QFETCH(int, layers);
  QFETCH(int, tokens);
  const auto attention = randomAttention(layers, 4, tokens, 3);
  const Matrix expected = referenceRollout(attention);
  const Matrix actual = toMatrix(vitlens::rolloutMatrix(attention, HeadReduce::Mean, 0.0));
  for (int i = 0; i < tokens; ++i)
    for (int j = 0; j < tokens; ++j)
      QVERIFY2(std::abs(actual[i][j] - expected[i][j]) < 1e-5, qPrintable(QString("%1,%2").arg(i).arg(j)));
}

void TestAnalysis::rolloutInvariants_data() {
  QTest::addColumn<int>("fusion");
  QTest::addColumn<double>("discard");
  QTest::newRow("mean, no discard") << int(HeadReduce::Mean) << 0.0;
  QTest::newRow("max, discard 0.9") << int(HeadReduce::Max) << 0.9;
  QTest::newRow("min, discard 0.5") << int(HeadReduce::Min) << 0.5;
  QTest::newRow("mean, discard 0.95") << int(HeadReduce::Mean) << 0.95;
}

void TestAnalysis::rolloutInvariants() {
  QFETCH(int, fusion);
  QFETCH(double, discard);
  const TokenLayout layout{1, 3, 4};
  const auto attention = randomAttention(3, 4, layout.tokens(), 11);
  for (const at::Tensor& layer : attention) {
    const at::Tensor factor = vitlens::rolloutFactor(layer[0], HeadReduce(fusion), discard);
    QVERIFY(at::allclose(factor.sum(-1), at::ones({layout.tokens()}), 1e-5, 1e-6));
    QVERIFY(factor.min().item<double>() >= 0.0);
    // The diagonal is never discarded: each token keeps at least half of its own weight.
    QVERIFY(factor.diagonal().min().item<double>() >= 0.5 / layout.tokens());
    if (discard > 0) {
      const int64_t zeros = (factor == 0).sum().item<int64_t>();
      QVERIFY2(zeros >= int64_t(discard * layout.tokens() * layout.tokens()) - layout.tokens(),
               "too few entries discarded");
    }
  }
  const at::Tensor matrix = vitlens::rolloutMatrix(attention, HeadReduce(fusion), discard);
  QVERIFY(at::allclose(matrix.sum(-1), at::ones({layout.tokens()}), 1e-5, 1e-6));
  const at::Tensor map = vitlens::attentionRollout(attention, HeadReduce(fusion), discard, layout);
  QCOMPARE(map.sizes().vec(), (std::vector<int64_t>{3, 4}));
  QVERIFY(map.min().item<double>() >= 0.0);
  QVERIFY(at::allclose(map.flatten(), matrix[0].slice(0, 1), 1e-6, 1e-7));
}

void TestAnalysis::rolloutWithoutClassTokenAveragesPatchRows() {
  const TokenLayout layout{0, 2, 3};
  const auto attention = randomAttention(2, 2, layout.tokens(), 5);
  const at::Tensor matrix = vitlens::rolloutMatrix(attention, HeadReduce::Mean, 0.0);
  const at::Tensor map = vitlens::attentionRollout(attention, HeadReduce::Mean, 0.0, layout);
  QVERIFY(at::allclose(map.flatten(), matrix.mean(0), 1e-6, 1e-7));
  QVERIFY(std::abs(map.sum().item<double>() - 1.0) < 1e-5);
}

void TestAnalysis::discardDropsTheWeakestLinksByHand() {
  // One head, three tokens. Discard 0.25 of 9 entries = 2: the weakest off-diagonal links 0.05 and 0.1 go (the
  // diagonal is never a candidate), then (A + I) / 2 with rows renormalised.
  const at::Tensor attention = at::tensor({0.6f, 0.3f, 0.1f, 0.2f, 0.5f, 0.3f, 0.05f, 0.15f, 0.8f}).reshape({1, 3, 3});
  const at::Tensor factor = vitlens::rolloutFactor(attention, HeadReduce::Mean, 0.25);
  const double expected[3][3] = {{0.8 / 0.95, 0.15 / 0.95, 0.0}, {0.1, 0.75, 0.15}, {0.0, 0.075 / 0.975, 0.9 / 0.975}};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      QVERIFY2(std::abs(factor[i][j].item<double>() - expected[i][j]) < 1e-6,
               qPrintable(QString("%1,%2").arg(i).arg(j)));
}

void TestAnalysis::filterTilesAreNormalisedPerFilter() {
  // Filter 0 ramps over its pixels; filter 1 is constant (shown black, not a division by zero).
  at::Tensor weight = at::zeros({2, 3, 2, 2});
  weight[0] = at::arange(12, at::kFloat).reshape({3, 2, 2}) * 0.01;
  weight[1].fill_(0.7);
  const auto tiles = vitlens::patchFilterTiles(weight, 3);
  QCOMPARE(tiles.size(), size_t(2));
  QCOMPARE(tiles[0].size(), cv::Size(6, 6));
  QCOMPARE(tiles[0].type(), CV_8UC3);
  // Pixel (0,0) channel R holds the minimum (0), pixel (1,1) channel B the maximum (11).
  QCOMPARE(int(tiles[0].at<cv::Vec3b>(0, 0)[0]), 0);
  QCOMPARE(int(tiles[0].at<cv::Vec3b>(5, 5)[2]), 255);
  // Nearest-neighbour upscaling: each source pixel is a 3x3 block.
  QCOMPARE(tiles[0].at<cv::Vec3b>(0, 0), tiles[0].at<cv::Vec3b>(2, 2));
  QCOMPARE(cv::countNonZero(tiles[1].reshape(1)), 0);
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::patchFilterTiles(at::zeros({2, 3, 4}), 1));
}

void TestAnalysis::filterPrincipalComponents() {
  at::manual_seed(0);
  const at::Tensor weight = at::randn({48, 3, 4, 4});
  const auto components = vitlens::patchFilterPrincipalComponents(weight, 8, 4);
  QCOMPARE(components.size(), size_t(8));
  QCOMPARE(components[0].size(), cv::Size(16, 16));
  // More components than filters: limited by the filter count.
  QCOMPARE(vitlens::patchFilterPrincipalComponents(weight.slice(0, 0, 5), 28, 1).size(), size_t(5));
}

QTEST_MAIN(TestAnalysis)
void TestAnalysis::meanDistanceMatchesLoops_data() {
  QTest::addColumn<int>("prefix");
  QTest::addColumn<int>("rows");
  QTest::addColumn<int>("cols");
  QTest::addColumn<double>("patchPixels");
  QTest::newRow("class token 4x4, 4 px") << 1 << 4 << 4 << 4.0;
  QTest::newRow("no prefix 3x5, 16 px") << 0 << 3 << 5 << 16.0;
  QTest::newRow("two prefix 2x2, 8 px") << 2 << 2 << 2 << 8.0;
}

void TestAnalysis::meanDistanceMatchesLoops() {
  QFETCH(int, prefix);
  QFETCH(int, rows);
  QFETCH(int, cols);
  QFETCH(double, patchPixels);
  const TokenLayout layout{prefix, rows, cols};
  const auto attention = randomAttention(3, 2, layout.tokens(), 11);
  const at::Tensor got = vitlens::meanAttentionDistance(attention, layout, patchPixels);
  QCOMPARE(got.size(0), 3);
  QCOMPARE(got.size(1), 2);
  const int patches = rows * cols;
  for (int l = 0; l < 3; ++l) {
    for (int h = 0; h < 2; ++h) {
      const Matrix a = toMatrix(attention[static_cast<size_t>(l)][0][h]);
      double sum = 0.0;
      for (int i = 0; i < patches; ++i) {
        double weighted = 0.0;
        double mass = 0.0;
        for (int j = 0; j < patches; ++j) {
          const double w = a[static_cast<size_t>(prefix + i)][static_cast<size_t>(prefix + j)];
          const double dr = i / cols - j / cols;
          const double dc = i % cols - j % cols;
          weighted += w * std::sqrt(dr * dr + dc * dc) * patchPixels;
          mass += w;
        }
        sum += weighted / mass;
      }
      QVERIFY2(std::abs(got[l][h].item<double>() - sum / patches) < 1e-9, qPrintable(QString::number(l)));
    }
  }
}

void TestAnalysis::meanDistanceOfKnownPatterns() {
  // Head 0 attends only to itself (distance 0); head 1 only to the patch to its right, or left on the last
  // column (distance exactly one patch).
  const TokenLayout layout{1, 3, 3};
  at::Tensor layer = at::zeros({1, 2, layout.tokens(), layout.tokens()});
  for (int t = 0; t < layout.tokens(); ++t) layer[0][0][t][t] = 1.0;
  layer[0][1][0][0] = 1.0;
  for (int p = 0; p < 9; ++p) {
    const int neighbour = p % 3 == 2 ? p - 1 : p + 1;
    layer[0][1][1 + p][1 + neighbour] = 1.0;
  }
  const at::Tensor got = vitlens::meanAttentionDistance({layer}, layout, 16.0);
  QCOMPARE(got[0][0].item<double>(), 0.0);
  QCOMPARE(got[0][1].item<double>(), 16.0);
}

void TestAnalysis::positionSimilarity() {
  // Patches 0 and 2 share a direction, patch 1 is orthogonal, patch 3 opposite to patch 0.
  at::Tensor pos = at::zeros({1, 5, 2});
  pos[0][0][0] = 7.0;  // class token: ignored
  pos[0][1][0] = 1.0;
  pos[0][2][1] = 3.0;
  pos[0][3][0] = 5.0;
  pos[0][4][0] = -2.0;
  const at::Tensor sim = vitlens::positionEmbeddingSimilarity(pos, 4);
  QCOMPARE(sim.size(0), 4);
  const float expected[4][4] = {{1, 0, 1, -1}, {0, 1, 0, 0}, {1, 0, 1, -1}, {-1, 0, -1, 1}};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) QVERIFY(std::abs(sim[i][j].item<float>() - expected[i][j]) < 1e-6f);
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::positionEmbeddingSimilarity(pos, 6));
}

#include "tst_analysis.moc"
