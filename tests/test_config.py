"""Config: podcards.toml or [tool.podcards], and option > config > default precedence."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from podcards.config import load_config, resolve_settings
from podcards.errors import InputError

SEASON = Path(__file__).resolve().parent / "fixtures" / "season"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_no_config_gives_the_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.deck == "Podcasts::{title}"
    assert config.output == Path("decks")
    assert config.max_cards is None
    assert config.tags == []


def test_podcards_toml_sets_every_default(tmp_path: Path) -> None:
    write(
        tmp_path,
        "podcards.toml",
        'deck = "Shows::{title}"\ntags = ["ml", "audio"]\nglossary = "words.txt"\n'
        'max_cards = 25\noutput = "cards"\nmin_score = 0.4\n',
    )
    config = load_config(tmp_path)
    assert config.deck == "Shows::{title}"
    assert config.tags == ["ml", "audio"]
    assert config.glossary == Path("words.txt")
    assert config.max_cards == 25
    assert config.output == Path("cards")
    assert config.min_score == 0.4


def test_pyproject_tool_table_is_read(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.podcards]\nmax_cards = 7\n')
    assert load_config(tmp_path).max_cards == 7


def test_pyproject_without_a_podcards_table_is_no_config(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    assert load_config(tmp_path).max_cards is None


def test_podcards_toml_wins_over_pyproject(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", "[tool.podcards]\nmax_cards = 7\n")
    write(tmp_path, "podcards.toml", "max_cards = 9\n")
    assert load_config(tmp_path).max_cards == 9


def test_an_option_overrides_the_config_which_overrides_the_default(tmp_path: Path) -> None:
    write(tmp_path, "podcards.toml", 'max_cards = 9\ndeck = "Mine::{title}"\n')
    settings = resolve_settings(tmp_path, max_cards=3, deck=None, output=None)
    assert settings.max_cards == 3  # option
    assert settings.deck == "Mine::{title}"  # config (option not given)
    assert settings.output == Path("decks")  # default


def test_the_working_folder_is_the_default_place(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path, "podcards.toml", "max_cards = 4\n")
    monkeypatch.chdir(tmp_path)
    assert resolve_settings().max_cards == 4


def test_an_unknown_key_is_an_error_naming_it(tmp_path: Path) -> None:
    path = write(tmp_path, "podcards.toml", "max_card = 9\n")
    with pytest.raises(InputError, match="unknown key 'max_card'") as caught:
        load_config(tmp_path)
    assert str(path) in str(caught.value)
    assert caught.value.exit_code == 2


def test_a_wrong_value_names_the_key(tmp_path: Path) -> None:
    write(tmp_path, "podcards.toml", 'max_cards = "many"\n')
    with pytest.raises(InputError, match="key 'max_cards'"):
        load_config(tmp_path)


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("max_cards = true", "max_cards"),
        ("max_cards = 2.0", "max_cards"),
        ('max_size = "9"', "max_size"),
        ("min_score = true", "min_score"),
    ],
)
def test_a_value_of_the_wrong_type_is_not_coerced(tmp_path: Path, line: str, key: str) -> None:
    write(tmp_path, "podcards.toml", line + "\n")
    with pytest.raises(InputError, match=f"key '{key}': Input should be a valid"):
        load_config(tmp_path)


def test_a_path_of_the_wrong_type_is_said_in_plain_words(tmp_path: Path) -> None:
    """Not pydantic's "...valid path for <class 'pathlib.Path'>"."""
    write(tmp_path, "podcards.toml", "output = 5\n")
    with pytest.raises(InputError) as refused:
        load_config(tmp_path)
    assert str(refused.value).endswith("key 'output': Input should be a path, as a string")


def test_a_whole_number_min_score_is_a_score(tmp_path: Path) -> None:
    write(tmp_path, "podcards.toml", "min_score = 1\n")
    assert load_config(tmp_path).min_score == 1.0


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("X::{episode}", "unknown field {episode}: only {title} and {slug} can be filled in"),
        ("{title}::{slug}::", "makes an empty deck name part"),
        ("A::{title", "unclosed '{': a field is written {title} or {slug}"),
        ("A::{Title}", "unknown field {Title}: names are case-sensitive; write {title}"),
    ],
)
def test_a_bad_deck_pattern_names_the_config_key_as_written(
    tmp_path: Path, pattern: str, problem: str
) -> None:
    path = write(tmp_path, "podcards.toml", f'deck = "{pattern}"\n')
    with pytest.raises(InputError) as caught:
        load_config(tmp_path)
    assert str(caught.value) == f"{path}: key 'deck' {pattern!r}: {problem}"


def test_a_bad_config_value_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path, "podcards.toml", "max_cards = true\n")
    done = subprocess.run(
        [sys.executable, "-m", "podcards", "status"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr == f"podcards: {path}: key 'max_cards': Input should be a valid integer\n"


def test_broken_toml_is_a_one_line_error(tmp_path: Path) -> None:
    write(tmp_path, "podcards.toml", "max_cards = = 3\n")
    with pytest.raises(InputError, match="not valid TOML"):
        load_config(tmp_path)


def extract_count(folder: Path, *options: str) -> int:
    """Run the real `extract` command in `folder`; how many candidates its card file holds."""
    from click.testing import CliRunner

    from podcards.cardfile import load_card_file
    from podcards.cli import cli

    done = CliRunner().invoke(cli, ["-q", "extract", "bees.txt", *options])
    assert done.exit_code == 0, done.output
    (card_file,) = (folder / "out").glob("*.cards.json")
    count = len(load_card_file(card_file).cards)
    card_file.unlink()
    return count


def test_commands_take_option_over_config_over_default(tmp_path: Path, monkeypatch) -> None:
    shutil.copy(SEASON / "bees.txt", tmp_path / "bees.txt")
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "podcards.toml", 'output = "out"\nmax_cards = 2\n')
    assert extract_count(tmp_path) == 2  # config over the default
    assert extract_count(tmp_path, "--max", "3") == 3  # option over config
    write(tmp_path, "podcards.toml", 'output = "out"\n')
    assert extract_count(tmp_path) > 3  # the default: no limit from config
