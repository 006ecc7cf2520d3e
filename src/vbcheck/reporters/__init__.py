"""Reporters turn a Report into text for people or machines. All read the same Finding model."""
