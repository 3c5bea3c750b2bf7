#include "training/trainer.h"

#include <ATen/Parallel.h>
#include <ATen/ops/isfinite.h>
#include <torch/nn/functional/loss.h>
#include <torch/nn/utils/clip_grad.h>
#include <torch/optim/adamw.h>
#include <torch/serialize/archive.h>
#include <torch/utils.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <type_traits>

#include "model/memory_estimate.h"
#include "model/model_file.h"
#include "model/runtime.h"
#include "model/shape_text.h"
#include "training/objective.h"
#include "util/atomic_file.h"

namespace vitlens {
namespace {

using Clock = std::chrono::steady_clock;
constexpr uint64_t kMaxCheckpointBytes = 8ULL << 30;
constexpr int kMetricColumns = 7;  // epoch, train_loss, train_acc, val_loss, val_acc, lr, seconds

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

struct CheckpointState {
  int epoch = 0;
  double bestValAcc = 0, seconds = 0;
  std::vector<EpochMetrics> history;
};

// Everything a resume needs. Shuffles and augmentation are seeded from (seed, epoch), so no generator state is
// kept beyond the seed; torch's generator is only used for the initial weights, which the checkpoint holds.
void writeCheckpoint(const std::string& path, VisionTransformer& model, torch::optim::AdamW& optimizer,
                     const TrainOptions& options, const CheckpointState& state) {
  torch::serialize::OutputArchive archive, modelArchive, optimizerArchive;
  model->save(modelArchive);
  optimizer.save(optimizerArchive);
  archive.write("model", modelArchive);
  archive.write("optimizer", optimizerArchive);
  archive.write("config", c10::IValue(options.config.toJson()));
  archive.write("epoch", c10::IValue(static_cast<int64_t>(state.epoch)));
  archive.write("seed", c10::IValue(static_cast<int64_t>(options.seed)));
  archive.write("best_val_acc", c10::IValue(state.bestValAcc));
  archive.write("seconds", c10::IValue(state.seconds));
  at::Tensor metrics = torch::zeros({static_cast<int64_t>(state.history.size()), kMetricColumns}, torch::kDouble);
  for (size_t i = 0; i < state.history.size(); ++i) {
    const EpochMetrics& m = state.history[i];
    const double row[kMetricColumns] = {double(m.epoch), m.trainLoss, m.trainAcc, m.valLoss, m.valAcc, m.lr, m.seconds};
    for (int c = 0; c < kMetricColumns; ++c) metrics[static_cast<int64_t>(i)][c] = row[c];
  }
  archive.write("metrics", metrics);  // (epochs, 7)
  std::vector<uint8_t> bytes;
  archive.save_to([&bytes](const void* data, size_t size) {
    const auto* begin = static_cast<const uint8_t*>(data);
    bytes.insert(bytes.end(), begin, begin + size);
    return size;
  });
  writeFileAtomically(path, bytes);
}

// A checkpoint is a file like any other: every value is checked (type, shape, range) before it is trusted, as the
// model loader checks a model file. LibTorch's Module::load replaces tensors without comparing shapes, so the
// parameters and the optimizer state are compared against the model built from the requested config.
[[noreturn]] void badCheckpoint(const std::string& path, const std::string& what) {
  throw std::runtime_error(path + ": not a usable vitlens checkpoint: " + what);
}

std::string shapeOf(const at::Tensor& tensor) { return shapeText(tensor.sizes()); }

// LibTorch's unpickler does not check a tensor's offset and size against its storage: a crafted archive could
// make any read of it (isfinite, contiguous, the optimizer step) go out of bounds. Only tensors that lie plainly
// inside their own storage are accepted.
void requireInsideStorage(const at::Tensor& tensor, const std::string& name, const std::string& path) {
  if (!tensor.is_contiguous() || tensor.storage_offset() != 0 ||
      tensor.storage().nbytes() < static_cast<size_t>(tensor.numel()) * tensor.element_size()) {
    badCheckpoint(path, "'" + name + "' does not lie inside its own data (offset, strides or size)");
  }
}

void requireLike(const at::Tensor& loaded, const at::Tensor& expected, const std::string& name,
                 const std::string& path) {
  if (!loaded.defined()) badCheckpoint(path, "'" + name + "' is missing");
  requireInsideStorage(loaded, name, path);
  if (loaded.sizes() != expected.sizes() || loaded.scalar_type() != expected.scalar_type()) {
    badCheckpoint(path, "'" + name + "' has shape " + shapeOf(loaded) + " " +
                            std::string(c10::toString(loaded.scalar_type())) + ", the model needs " +
                            shapeOf(expected) + " " + c10::toString(expected.scalar_type()));
  }
  if (!at::isfinite(loaded).all().item<bool>()) badCheckpoint(path, "'" + name + "' holds NaN or infinite values");
}

int64_t readInt(torch::serialize::InputArchive& archive, const char* key, int64_t min, int64_t max,
                const std::string& path) {
  c10::IValue value;
  if (!archive.try_read(key, value) || !value.isInt())
    badCheckpoint(path, std::string("'") + key + "' is not an integer");
  const int64_t number = value.toInt();
  if (number < min || number > max) {
    badCheckpoint(path, std::string("'") + key + "' is " + std::to_string(number) + ", outside " + std::to_string(min) +
                            ".." + std::to_string(max));
  }
  return number;
}

double readReal(torch::serialize::InputArchive& archive, const char* key, double min, double max,
                const std::string& path) {
  c10::IValue value;
  if (!archive.try_read(key, value) || !value.isDouble())
    badCheckpoint(path, std::string("'") + key + "' is not a number");
  const double number = value.toDouble();
  if (!(number >= min && number <= max)) badCheckpoint(path, std::string("'") + key + "' is out of range");
  return number;
}

// LibTorch 1.13 keys the optimizer state by the parameter's TensorImpl address as text, later versions by the
// address itself.
template <class Key>
Key optimizerStateKey(const at::Tensor& parameter) {
  if constexpr (std::is_same_v<Key, std::string>) {
    std::ostringstream text;  // what c10::guts::to_string wrote (removed in LibTorch 2.2)
    text << parameter.unsafeGetTensorImpl();
    return text.str();
  } else {
    return parameter.unsafeGetTensorImpl();
  }
}

CheckpointState readCheckpoint(const std::string& path, VisionTransformer& model, torch::optim::AdamW& optimizer,
                               const TrainOptions& options) {
  const std::vector<uint8_t> bytes = readWholeFile(path, kMaxCheckpointBytes);
  torch::serialize::InputArchive archive, modelArchive, optimizerArchive;
  try {
    archive.load_from(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  } catch (const c10::Error& error) {
    throw std::runtime_error(path + ": not a vitlens checkpoint (" +
                             std::string(error.what_without_backtrace()).substr(0, 200) + ")");
  } catch (const std::exception& error) {
    throw std::runtime_error(path + ": not a vitlens checkpoint (" + std::string(error.what()).substr(0, 200) + ")");
  }
  try {
    c10::IValue value;
    if (!archive.try_read("config", value) || !value.isString()) badCheckpoint(path, "'config' is not a string");
    VitConfig saved;
    try {
      saved = VitConfig::fromJson(value.toStringRef());
    } catch (const std::invalid_argument& error) {
      badCheckpoint(path, std::string("'config': ") + error.what());
    }
    if (saved != options.config) {
      throw std::runtime_error(path + ": checkpoint architecture " + saved.toJson() + " differs from the requested " +
                               options.config.toJson() + "; resume with the same options");
    }
    const int64_t seed =
        readInt(archive, "seed", std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), path);
    if (static_cast<uint64_t>(seed) != options.seed) {
      throw std::runtime_error(path + ": checkpoint was trained with --seed " + std::to_string(seed));
    }
    CheckpointState state;
    state.epoch = static_cast<int>(readInt(archive, "epoch", 0, options.epochs, path));
    state.bestValAcc = readReal(archive, "best_val_acc", 0.0, 1.0, path);
    state.seconds = readReal(archive, "seconds", 0.0, 1e10, path);
    at::Tensor metrics;
    if (!archive.try_read("metrics", metrics)) badCheckpoint(path, "'metrics' is missing");
    if (metrics.scalar_type() != at::kDouble || metrics.dim() != 2 || metrics.size(1) != kMetricColumns ||
        metrics.size(0) != state.epoch) {
      badCheckpoint(path, "'metrics' has shape " + shapeOf(metrics) + " " + c10::toString(metrics.scalar_type()) +
                              ", expected [" + std::to_string(state.epoch) + ", " + std::to_string(kMetricColumns) +
                              "] Double (one row per finished epoch)");
    }
    requireInsideStorage(metrics, "metrics", path);  // (epochs, 7)
    if (!at::isfinite(metrics).all().item<bool>()) badCheckpoint(path, "'metrics' holds NaN or infinite values");

    // Weights: remember what the freshly built model looks like, load, then compare.
    std::vector<std::pair<std::string, at::Tensor>> expected;
    for (const auto& item : model->named_parameters()) expected.emplace_back(item.key(), item.value().detach().clone());
    for (const auto& item : model->named_buffers()) expected.emplace_back(item.key(), item.value().detach().clone());
    if (!archive.try_read("model", modelArchive)) badCheckpoint(path, "'model' is missing");
    if (!archive.try_read("optimizer", optimizerArchive)) badCheckpoint(path, "'optimizer' is missing");
    model->load(modelArchive);
    std::map<std::string, at::Tensor> loaded;
    for (const auto& item : model->named_parameters()) loaded.emplace(item.key(), item.value());
    for (const auto& item : model->named_buffers()) loaded.emplace(item.key(), item.value());
    for (const auto& [name, tensor] : expected) requireLike(loaded[name], tensor, name, path);

    optimizer.load(optimizerArchive);
    using StateKey = std::decay_t<decltype(optimizer.state())>::key_type;
    for (const auto& group : optimizer.param_groups()) {
      for (const auto& parameter : group.params()) {
        const auto found = optimizer.state().find(optimizerStateKey<StateKey>(parameter));
        if (found == optimizer.state().end()) continue;  // never stepped: AdamW starts it afresh
        auto& adam = static_cast<torch::optim::AdamWParamState&>(*found->second);
        if (adam.step() < 0) badCheckpoint(path, "optimizer step count is negative");
        requireLike(adam.exp_avg(), parameter, "optimizer exp_avg", path);
        requireLike(adam.exp_avg_sq(), parameter, "optimizer exp_avg_sq", path);
      }
    }

    for (int64_t i = 0; i < metrics.size(0); ++i) {
      const double* r = metrics[i].data_ptr<double>();
      if (!(r[0] >= 0 && r[0] <= options.epochs)) badCheckpoint(path, "'metrics' epoch numbers are out of range");
      state.history.push_back({static_cast<int>(r[0]), r[1], r[2], r[3], r[4], r[5], r[6]});
    }
    return state;
  } catch (const c10::Error& error) {
    // Missing keys and wrong types inside the archive: LibTorch's wording, without its backtrace.
    badCheckpoint(path, std::string(error.what_without_backtrace()).substr(0, 200));
  }
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
