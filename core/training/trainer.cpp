#include "training/trainer.h"

#include <ATen/Parallel.h>
#include <torch/nn/functional/loss.h>
#include <torch/nn/utils/clip_grad.h>
#include <torch/optim/adamw.h>
#include <torch/utils.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

#include "model/memory_estimate.h"
#include "model/model_file.h"
#include "model/runtime.h"
#include "training/checkpoint.h"
#include "training/objective.h"
#include "util/atomic_file.h"

namespace vitlens {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string isoNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// Weight decay only on weight matrices: the model names what is exempt (biases, norm gains, prefix tokens, the
// position embedding), as timm's param_groups_weight_decay does; decaying those hurts small ViTs.
std::vector<torch::optim::OptimizerParamGroup> parameterGroups(VisionTransformer& model, double weightDecay) {
  const std::vector<std::string> exemptNames = model->noWeightDecayNames();
  const std::set<std::string> exempt(exemptNames.begin(), exemptNames.end());
  std::vector<at::Tensor> decay, noDecay;
  for (const auto& item : model->named_parameters())
    (exempt.count(item.key()) ? noDecay : decay).push_back(item.value());
  using torch::optim::AdamWOptions;
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(decay, std::make_unique<AdamWOptions>(AdamWOptions().weight_decay(weightDecay)));
  groups.emplace_back(noDecay, std::make_unique<AdamWOptions>(AdamWOptions().weight_decay(0.0)));
  return groups;
}

// uint8 (B, H, W, 3) -> normalised float (B, 3, H, W), the same arithmetic as preprocessImage's table.
at::Tensor normalise(const at::Tensor& bytes, const at::Tensor& mean, const at::Tensor& stddev) {
  at::Tensor x = bytes.to(at::kFloat).div_(255.0f).sub_(mean).div_(stddev);  // (B, H, W, 3)
  return x.permute({0, 3, 1, 2}).contiguous();                               // (B, 3, H, W)
}

struct Scores {
  double loss = 0, acc = 0;
};

// Plain cross entropy (no smoothing, no weights) so validation losses compare across recipes.
Scores validate(VisionTransformer& model, const ImageSet& set, int64_t batch, const at::Tensor& mean,
                const at::Tensor& stddev) {
  if (set.size() == 0) return {};
  torch::NoGradGuard noGrad;
  model->eval();
  double lossSum = 0;
  int64_t correct = 0;
  for (int64_t start = 0; start < set.size(); start += batch) {
    const int64_t count = std::min(batch, set.size() - start);
    const at::Tensor labels = set.labels.narrow(0, start, count);  // (b)
    const at::Tensor logits =
        model->forward(normalise(set.images.narrow(0, start, count), mean, stddev)).logits;  // (b, C)
    namespace F = torch::nn::functional;
    lossSum += F::cross_entropy(logits, labels, F::CrossEntropyFuncOptions().reduction(torch::kSum)).item<double>();
    correct += logits.argmax(1).eq(labels).sum().item<int64_t>();
  }
  model->train();
  const auto n = static_cast<double>(set.size());
  return {lossSum / n, static_cast<double>(correct) / n};
}

std::string metricsCsv(const std::vector<EpochMetrics>& history) {
  std::ostringstream csv;
  csv << "epoch,train_loss,train_acc,val_loss,val_acc,lr,seconds\n";
  csv.precision(8);
  for (const EpochMetrics& m : history) {
    csv << m.epoch << ',' << m.trainLoss << ',' << m.trainAcc << ',' << m.valLoss << ',' << m.valAcc << ',' << m.lr
        << ',' << m.seconds << '\n';
  }
  return csv.str();
}

void setLearningRate(torch::optim::AdamW& optimizer, double lr) {
  for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
}

}  // namespace

std::string checkpointPath(const std::string& modelPath) { return modelPath + ".ckpt"; }
std::string metricsPath(const std::string& modelPath) { return modelPath + ".metrics.csv"; }

TrainResult trainModel(const TrainOptions& options, const TrainData& data, const TrainOutputs& outputs,
                       const TrainCallbacks& callbacks) {
  if (data.train.size() == 0) throw std::runtime_error("no training images");
  if (static_cast<int64_t>(data.classes.size()) != options.config.numClasses) {
    throw std::invalid_argument("the model has " + std::to_string(options.config.numClasses) + " classes, the data " +
                                std::to_string(data.classes.size()));
  }
  requireMemoryForPass(options.config, std::min<int64_t>(options.batch, data.train.size()), PassKind::Training,
                       "vitlens-cli train");
  at::manual_seed(options.seed);
  VisionTransformer model(options.config);
  model->train();
  torch::optim::AdamW optimizer(parameterGroups(model, options.weightDecay),
                                torch::optim::AdamWOptions(options.lr).weight_decay(options.weightDecay));

  const int64_t trainCount = data.train.size();
  const int64_t batches = (trainCount + options.batch - 1) / options.batch;  // the last batch may be short
  LrSchedule schedule;
  schedule.peak = options.lr;
  schedule.minLr = options.minLr;
  schedule.warmupSteps = static_cast<int64_t>(std::llround(options.warmupEpochs * static_cast<double>(batches)));
  schedule.totalSteps = batches * options.epochs;

  CheckpointState state;
  const std::string checkpoint = checkpointPath(outputs.modelPath);
  if (outputs.resume) state = readCheckpoint(checkpoint, model, optimizer, options);

  const at::Tensor mean = torch::tensor(std::vector<float>(data.stats.mean.begin(), data.stats.mean.end()));  // (3)
  const at::Tensor stddev =
      torch::tensor(std::vector<float>(data.stats.stddev.begin(), data.stats.stddev.end()));  // (3)
  LossOptions lossOptions;
  lossOptions.labelSmoothing = options.labelSmoothing;
  lossOptions.ohemFraction = options.ohemFraction;
  if (options.classWeighted) {
    const at::Tensor labels = data.train.labels.contiguous();
    const std::vector<int64_t> labelList(labels.data_ptr<int64_t>(), labels.data_ptr<int64_t>() + labels.numel());
    const std::vector<double> weights = classWeights(labelList, options.config.numClasses);
    lossOptions.classWeights = torch::tensor(std::vector<float>(weights.begin(), weights.end()));  // (C)
  }

  ModelMeta meta = outputs.meta;
  meta.config = options.config;
  meta.labels = data.classes;
  meta.mean = data.stats.mean;
  meta.stddev = data.stats.stddev;
  meta.cropPct = 1.0;

  TrainResult result;
  for (int epoch = state.epoch; epoch < options.epochs && !result.interrupted; ++epoch) {
    const auto epochStart = Clock::now();
    // Seeded per epoch, so a resumed run draws exactly what an uninterrupted one would have.
    std::seed_seq seeds{static_cast<uint32_t>(options.seed), static_cast<uint32_t>(options.seed >> 32),
                        static_cast<uint32_t>(epoch)};
    std::mt19937 rng(seeds);
    std::vector<int64_t> order(static_cast<size_t>(trainCount));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);

    double lossSum = 0, lr = 0;
    int64_t correct = 0, seen = 0;
    for (int64_t b = 0; b < batches; ++b) {
      const int64_t start = b * options.batch;
      const int64_t count = std::min(options.batch, trainCount - start);
      const at::Tensor index =
          torch::tensor(std::vector<int64_t>(order.begin() + start, order.begin() + start + count));
      const at::Tensor labels = data.train.labels.index_select(0, index);  // (b)
      const at::Tensor bytes = augmentBatch(data.train.images.index_select(0, index), options.augment, rng);
      lr = schedule.at(static_cast<int64_t>(epoch) * batches + b);
      setLearningRate(optimizer, lr);

      optimizer.zero_grad();
      const at::Tensor logits = model->forward(normalise(bytes, mean, stddev)).logits;  // (b, C)
      const at::Tensor loss = trainingLoss(logits, labels, lossOptions);
      loss.backward();
      if (options.gradClip > 0) torch::nn::utils::clip_grad_norm_(model->parameters(), options.gradClip);
      optimizer.step();

      lossSum += loss.item<double>() * static_cast<double>(count);
      correct += logits.detach().argmax(1).eq(labels).sum().item<int64_t>();
      seen += count;
      if (callbacks.onBatch) {
        const double elapsed = secondsSince(epochStart);
        BatchProgress progress{epoch + 1,
                               options.epochs,
                               b + 1,
                               batches,
                               lossSum / double(seen),
                               double(correct) / double(seen),
                               double(seen) / elapsed,
                               elapsed / double(b + 1) * double(batches - b - 1)};
        callbacks.onBatch(progress);
      }
      // Stop between batches; the half epoch is dropped and the last checkpoint stays as it is.
      if (callbacks.stop && callbacks.stop->load() && b + 1 < batches) {
        result.interrupted = true;
        break;
      }
    }
    if (result.interrupted) break;

    const Scores val = validate(model, data.val, options.batch, mean, stddev);
    EpochMetrics metrics{epoch + 1, lossSum / double(seen),  double(correct) / double(seen), val.loss, val.acc,
                         lr,        secondsSince(epochStart)};
    state.epoch = epoch + 1;
    state.bestValAcc = std::max(state.bestValAcc, val.acc);
    state.seconds += metrics.seconds;
    state.history.push_back(metrics);

    meta.provenance["epochs"] = std::to_string(state.epoch);
    meta.provenance["val_accuracy"] = std::to_string(val.acc);
    meta.provenance["best_val_accuracy"] = std::to_string(state.bestValAcc);
    meta.provenance["seconds"] = std::to_string(static_cast<int64_t>(std::lround(state.seconds)));
    meta.provenance["date"] = isoNow();
    // Model first, checkpoint last: a crash in between only repeats this epoch on resume.
    saveModelFile(outputs.modelPath, model, meta);
    const std::string csv = metricsCsv(state.history);
    writeFileAtomically(metricsPath(outputs.modelPath), reinterpret_cast<const uint8_t*>(csv.data()), csv.size());
    writeCheckpoint(checkpoint, model, optimizer, options, state);
    if (callbacks.onEpoch) callbacks.onEpoch(metrics);
    if (callbacks.stop && callbacks.stop->load() && epoch + 1 < options.epochs) result.interrupted = true;
  }
  result.epochsDone = state.epoch;
  result.history = state.history;
  result.valAcc = state.history.empty() ? 0.0 : state.history.back().valAcc;
  result.bestValAcc = state.bestValAcc;
  result.seconds = state.seconds;
  return result;
}

}  // namespace vitlens
