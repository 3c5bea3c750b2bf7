#include "training/checkpoint.h"

#include <ATen/ops/isfinite.h>
#include <ATen/ops/zeros.h>
#include <torch/serialize/archive.h>
#include <torch/utils.h>

#include <cstdint>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>
#include <type_traits>

#include "model/shape_text.h"
#include "util/atomic_file.h"

namespace vitlens {
namespace {

constexpr uint64_t kMaxCheckpointBytes = 8ULL << 30;
constexpr int kMetricColumns = 7;  // epoch, train_loss, train_acc, val_loss, val_acc, lr, seconds

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

}  // namespace

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

}  // namespace vitlens
