#pragma once
// The vitlens-cli subcommands. Each returns the process exit code: 0 success, 1 an input could not be
// processed, 2 usage error (bad option, missing argument, device not available).
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <opencv2/core/mat.hpp>

#include "hub/hub_download.h"
#include "imaging/map_view.h"
#include "util/arg_parser.h"

namespace vitlens {
class Engine;
struct ModelLoadOptions;
struct Interventions;
}  // namespace vitlens

namespace vitlens::cli {

using vitlens::Args;
using vitlens::UsageError;

int runInfo(const std::vector<std::string>& arguments);
int runClassify(const std::vector<std::string>& arguments);
int runAttention(const std::vector<std::string>& arguments);
int runExplain(const std::vector<std::string>& arguments);
int runFaithfulness(const std::vector<std::string>& arguments);
int runFilters(const std::vector<std::string>& arguments);
int runInit(const std::vector<std::string>& arguments);
int runTrain(const std::vector<std::string>& arguments);
int runEvaluate(const std::vector<std::string>& arguments);
int runConvert(const std::vector<std::string>& arguments);
int runLens(const std::vector<std::string>& arguments);
int runTokens(const std::vector<std::string>& arguments);
int runAblateScan(const std::vector<std::string>& arguments);
int runModels(const std::vector<std::string>& arguments);
int runDownload(const std::vector<std::string>& arguments);

// The options of every command that opens a model, added to the command's own: --model, --device, --threads,
// --heads, --input-size, --labels, --dtype.
std::set<std::string> withModelOptions(std::set<std::string> valued);
// --ablate-heads L:H,... and --drop-patches P,...: malformed lists are usage errors naming the bad item; the
// ranges are checked against the model by validateInterventions.
Interventions parseInterventions(const Args& args);
// The same, validated against the opened model (sorted, de-duplicated); out-of-range items are usage errors.
Interventions parseInterventions(const Args& args, const Engine& engine);
// Adds "ablated" [[L, H], ...] and "dropped" [P, ...] to a JSON result, when anything was changed.
void addInterventions(nlohmann::json& result, const Interventions& change);
// --colormap and --alpha of a command that writes a map's overlay (--out, with its colour bar) and raw values
// (--npy): the style, after checking that both outputs may be written and are two files. Usage errors.
DrawStyle parseMapOutputs(const Args& args, const std::optional<std::string>& out,
                          const std::optional<std::string>& npy, bool force);
// Opens the model those options describe; prints what loading assumed (Engine::notes) on stderr.
std::unique_ptr<Engine> openEngine(const Args& args);
// --model hf:ORG/NAME[@REV] as the snapshot folder in the Hugging Face cache, downloading it first when missing
// (with a progress line on a terminal) unless HF_HUB_OFFLINE is set; any other --model as given.
std::string resolveModelArgument(const std::string& model);
// On a terminal, one self-updating line per file being downloaded (bytes, rate, time left); else nothing.
DownloadCallback terminalProgress();
// --heads, --input-size, --labels and --dtype as load options; bad values are usage errors.
ModelLoadOptions modelLoadOptions(const Args& args);
// Where an input (image, model file) fails: one line on stderr (control characters escaped, length bounded).
void reportError(const std::string& message);
// An exception's message for the user: LibTorch's backtrace dropped, whole (a newline in a path does not cut it),
// bounded to a few hundred characters. Not yet escaped: reportError and JSON output do that their own way.
std::string errorText(const std::exception& error);
// Decodes an image while keeping libpng's and libjpeg's own complaints about broken files off stderr, so each
// failed input is reported by exactly one line of ours.
cv::Mat decodeQuietly(const std::string& path);
// Image outputs take their format from the name: .png, or .jpg / .jpeg (quality 95); anything else is a usage
// error, checked before any work (a .jpg used to receive PNG bytes).
void checkImageOutputName(const std::string& path, const std::string& option = "--out");
std::vector<uint8_t> encodeImage(const std::string& path, const cv::Mat& rgb);
// Encodes RGB as encodeImage does and writes it atomically.
void writeImage(const std::string& path, const cv::Mat& rgb);
// Whether two output paths name one file: the same path after resolving ".", "..", symbolic links and, for files
// that exist, the same inode.
bool sameFile(const std::string& a, const std::string& b);

}  // namespace vitlens::cli
