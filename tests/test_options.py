"""Options declared once: every declared flag is on every command its declaration names, defaults come from the
dataclass alone, and the render cache and the batch manifest key on what the declarations say shapes the output."""
from __future__ import annotations

import dataclasses
import json

import click
import pytest
from click.testing import CliRunner

from briefcast.batch import BatchOptions
from briefcast.batch.tasks import Job, settings_hash
from briefcast.brief import OWN_DEFAULTS, BriefOptions
from briefcast.cli import main
from briefcast.cli.options import declared_options
from briefcast.feed import FeedOptions
from briefcast.narrate import NarrateOptions
from briefcast.optionspec import (
    AUDIO,
    NOT_SET,
    REQUIRED,
    TEXT,
    declared,
    default_of,
    flags,
    option,
    output_settings,
    setting,
)
from briefcast.roundtrip import RoundtripOptions
from briefcast.segmented import SegmentOptions
from briefcast.serve import ServeOptions
from briefcast.site import SiteOptions
from briefcast.stories import ReadOptions
from briefcast.transcribe import TranscribeOptions
from briefcast.transcribe.options import AlignOptions
from briefcast.transcripts import TranscriptOptions

OPTION_CLASSES = (NarrateOptions, TranscribeOptions)
COMMAND_CLASSES = (ReadOptions, BriefOptions, SiteOptions, BatchOptions, FeedOptions, SegmentOptions,
                   TranscriptOptions, AlignOptions, RoundtripOptions, ServeOptions)  # one or a few commands' own
DECLARED = [(cls, f, flag) for cls in (*OPTION_CLASSES, *COMMAND_CLASSES) for f, flag in flags(cls)]
IDS = [f"{cls.__name__}.{f.name}" for cls, f, _ in DECLARED]


def spellings(command: click.Command) -> dict[str, click.Parameter]:
    """Every option spelling of a command -> its parameter."""
    return {o: p for p in command.params for o in (*p.opts, *p.secondary_opts)}


def wanted(flag, command: str) -> set[str]:
    """The spellings a declaration gives `command` (a switch --vad/--no-vad is two)."""
    return {s for names in flag.names_in(command) for s in names.split("/")}


@pytest.mark.parametrize(("cls", "f", "flag"), DECLARED, ids=IDS)
def test_every_declared_option_is_on_every_command_its_declaration_names(cls, f, flag):
    for name in flag.commands:
        command = main.commands[name]
        params = spellings(command)
        assert wanted(flag, name) <= set(params), name
        param = params[flag.names_in(name)[0].split("/")[0]]
        assert param.help == flag.help or param.help.startswith(flag.help), name  # one help text
        if flag.path is not None:  # a folder where a file is wanted (or the other way round) is click's error
            assert isinstance(param.type, click.Path) and param.type.dir_okay == (flag.path == "folder"), name
        if flag.value is not NOT_SET:
            assert param.flag_value == flag.value  # type: ignore[attr-defined]
        elif flag.required:
            assert param.required and f.default is dataclasses.MISSING, name  # the user gives it: no default
        elif not flag.show_default:
            assert param.default is None, name  # the help says the default in words; the dataclass has it
        elif not (name == "batch" and f.name == "subtitles") and not (name == "brief" and f.name in OWN_DEFAULTS):
            # batch writes every sidecar; brief has its own story intro, credits and sting
            shown = flag.shown if flag.shown is not None else f.default
            assert param.default == shown and param.show_default, name  # type: ignore[attr-defined]


def test_batch_takes_every_narration_and_recognition_option_narrate_and_transcribe_take():
    batch = set(spellings(main.commands["batch"]))
    for source, cls in (("narrate", NarrateOptions), ("transcribe", TranscribeOptions)):
        for f, flag in flags(cls, source):
            if f.name == "threads":  # batch gives each worker its share of the cores (from --jobs)
                assert "batch" not in flag.commands
                continue
            assert "batch" in flag.commands and wanted(flag, "batch") <= batch, f.name
    assert "--speech-engine" in batch and spellings(main.commands["batch"])["--engine"].name == "engine"


def test_batch_and_feed_declare_their_own_options_and_a_scheduler_means_dask():
    declared_here = {f.name for f, _ in flags(BatchOptions, "batch")}
    assert declared_here == {"to", "pattern", "recursive", "engine", "scheduler", "scheduler_timeout", "redo",
                             "text_formats"}
    assert [f.name for f, _ in flags(FeedOptions, "feed")] == ["title", "base_url", "author", "image", "description",
                                                                "language"]
    assert BatchOptions(scheduler="tcp://10.0.0.5:8786").engine == "dask"  # as --scheduler implies --engine dask
    assert BatchOptions().engine == "local"


def test_brief_takes_every_narration_option_narrate_takes_with_its_own_defaults():
    brief = spellings(main.commands["brief"])
    for f, flag in flags(NarrateOptions, "narrate"):
        assert wanted(flag, "brief") <= set(brief), f.name
    assert brief["--music"].default == "default" and BriefOptions().narration.music == "default"
    for name in ("--latest", "--since", "--timeout", "--max-minutes", "--title"):
        assert name in brief


def test_roundtrip_narrates_and_transcribes_with_the_same_options():
    roundtrip = set(spellings(main.commands["roundtrip"]))
    for cls in OPTION_CLASSES:
        for f, flag in flags(cls):
            assert wanted(flag, "roundtrip") <= roundtrip, f.name


@pytest.mark.parametrize("cls", OPTION_CLASSES)
def test_every_field_says_what_it_shapes(cls):
    assert [f.name for f in dataclasses.fields(cls) if not declared(f)] == []


@dataclasses.dataclass(frozen=True)
class Toy:
    level: float = option(-16.0, "--level", type=float, help="Level in LUFS.", commands=("toy",), shapes=AUDIO)
    channels: int = option(1, "--stereo", value=2, help="Two channels.", commands=("toy",), shapes=AUDIO)
    beam: int = option(5, "--beam", type=int, range=(1, 20), help="Beam.", commands=("toy",), shapes=TEXT)
    elsewhere: str = option("x", "--elsewhere", help="Another command's.", commands=("other",))
    jobs: int = setting(2)
    plain: int = 0  # says nothing: counts as shaping the output


@click.command()
@declared_options(Toy, "toy", "toy")
def toy(toy: dict) -> None:
    click.echo(json.dumps(toy, sort_keys=True))


def test_a_declared_field_becomes_an_option_and_only_what_is_given_is_passed():
    runner = CliRunner()
    assert runner.invoke(toy, []).output == "{}\n"  # the dataclass supplies every default
    result = runner.invoke(toy, ["--level", "-20", "--stereo", "--beam", "3"])
    assert json.loads(result.output) == {"level": -20.0, "channels": 2, "beam": 3}
    assert Toy(**json.loads(result.output)) == Toy(level=-20.0, channels=2, beam=3)
    bad = runner.invoke(toy, ["--beam", "0"])
    assert bad.exit_code == 2 and "1<=x<=20" in bad.output
    out = " ".join(runner.invoke(toy, ["--help"]).output.split())
    assert "Level in LUFS. [default: -16.0]" in out and "--elsewhere" not in out and "--jobs" not in out


@click.command()
@declared_options(Toy, "toy", "toy", only=["level"])
@declared_options(Toy, "toy", "toy", only=["beam"])
def halves(toy: dict) -> None:
    click.echo(json.dumps(toy, sort_keys=True))


def test_a_class_declared_in_two_places_fills_one_dict():
    runner = CliRunner()
    assert json.loads(runner.invoke(halves, ["--level", "-20", "--beam", "3"]).output) == {"level": -20.0, "beam": 3}
    assert "--stereo" not in runner.invoke(halves, ["--help"]).output


def test_output_settings_are_the_fields_declared_as_shaping():
    assert set(output_settings(Toy())) == {"level", "channels", "beam", "plain"}
    assert set(output_settings(Toy(), [AUDIO])) == {"level", "channels", "plain"}
    assert default_of(Toy, "level") == -16.0


def other_value(cls: type, f: dataclasses.Field) -> object:
    """A different value of the field's type (not necessarily a valid one: keys are made before validation)."""
    value = default_of(cls, f.name)
    flag = dict((g.name, flag) for g, flag in flags(cls)).get(f.name)
    if flag is not None and flag.choices:
        return next(c for c in flag.choices if c != value)
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    if isinstance(value, str):
        return value + " again"
    if isinstance(value, tuple):
        return ("srt",)
    if value is None:
        return "x"
    return dataclasses.replace(value, sentence=value.sentence + 0.1)  # the pause grammar


def test_the_render_key_changes_with_every_field_that_shapes_the_audio_and_no_other():
    from briefcast.narrate.narrator import _render_key
    from briefcast.narrate.script import build_script
    from test_narrate_script import small_article

    article, base = small_article(), NarrateOptions()
    script = build_script(article, base)

    def key(options: NarrateOptions) -> str:
        return _render_key(article, script, [u.text for u in script.utterances], options, "engine 1", None, None)

    for f in dataclasses.fields(NarrateOptions):
        changed = dataclasses.replace(base, **{f.name: other_value(NarrateOptions, f)})
        shapes_audio = f.name in output_settings(base, [AUDIO])
        assert (key(changed) != key(base)) == shapes_audio, f.name


@pytest.mark.parametrize(("cls", "route"), [(NarrateOptions, "narrate"), (TranscribeOptions, "transcribe")])
def test_the_batch_redoes_a_job_when_an_option_that_shapes_an_output_changes(cls, route):
    base = cls()

    def digest(options: object) -> str:
        return settings_hash(Job("/in/a.md", route, "/out", "a", options=options))

    for f in dataclasses.fields(cls):
        changed = dataclasses.replace(base, **{f.name: other_value(cls, f)})
        assert (digest(changed) != digest(base)) == (f.name in output_settings(base)), f.name


@pytest.mark.parametrize(("options", "field", "call", "parameter"), [
    (ServeOptions, "port", "briefcast.serve:make_server", "port"),
    (RoundtripOptions, "worst", "briefcast.roundtrip:roundtrip", "worst"),
    (TranscriptOptions, "timestamps", "briefcast.transcripts:transcribe_inputs", "timestamps"),
    (SegmentOptions, "input_format", "briefcast.segmenter.parse:read_article", "fmt"),
], ids=["serve --port", "roundtrip --worst", "transcribe --timestamps", "segment --input-format"])
def test_a_library_calls_default_is_its_declarations(options, field, call, parameter):
    import importlib
    import inspect

    module, name = call.split(":")
    default = inspect.signature(getattr(importlib.import_module(module), name)).parameters[parameter].default
    assert default_of(options, field) == default


SHARED = {  # the option groups every command shares (cli/options.py), not any stage's options
    "-o", "--output", "--force", "-q", "--quiet", "--json", "-v", "--verbose", "--debug", "-h", "--help",
    "-j", "--jobs"}
ACTIONS = {  # what a command does besides its work, not how the work is done: no options class holds these
    ("narrate", "--script"), ("say", "--play"), ("voices", "-l"), ("voices", "--language"), ("feed", "--site"),
    ("models convert", "--bundled")}


def commands(group: click.Group = main, prefix: str = "") -> dict[str, click.Command]:
    """Every command and subcommand by its name as typed ("models convert")."""
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        found[prefix + name] = command
        if isinstance(command, click.Group):
            found |= commands(command, f"{prefix}{name} ")
    return found


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_option_of_every_command_is_declared_once_or_shared(name):
    declared_here = {s for _, _, flag in DECLARED if name in flag.commands for s in wanted(flag, name)}
    for spelling, param in spellings(commands()[name]).items():
        if not isinstance(param, click.Option):
            continue  # an argument (FILE, INPUTS...)
        assert spelling in declared_here | SHARED or (name, spelling) in ACTIONS, f"{name} {spelling}"


def test_a_required_option_and_a_folder_option_are_click_options_of_their_kind(tmp_path):
    @dataclasses.dataclass(frozen=True)
    class Needs:
        title: str = option(REQUIRED, "--title", help="A title.", commands=("needs",))
        keep: str | None = option(None, "--keep", path="folder", output=True, help="A folder.", commands=("needs",))
        stem: str | None = option(None, "--stem", output=True, parse=str.strip, help="A name.", commands=("needs",))

    @click.command()
    @declared_options(Needs, "needs", "needs")
    def needs(needs: dict) -> None:
        click.echo(json.dumps(dataclasses.asdict(Needs(**needs)), sort_keys=True))

    runner = CliRunner()
    assert "Missing option '--title'" in runner.invoke(needs, []).output
    assert json.loads(runner.invoke(needs, ["--title", "T"]).output) == {"title": "T", "keep": None, "stem": None}
    assert json.loads(runner.invoke(needs, ["--title", "T", "--stem", " a "]).output)["stem"] == "a"  # parsed
    assert "--stem '': an empty output name" in str(runner.invoke(needs, ["--title", "T", "--stem", ""]).exception)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert "is a file" in runner.invoke(needs, ["--title", "T", "--keep", str(tmp_path / "a.txt")]).output
    empty = runner.invoke(needs, ["--title", "T", "--keep", " "])
    assert empty.exit_code != 0 and "--keep '': an empty output name" in str(empty.exception)
