"""`mbcprep demo`: mbcprep shown on made-up data in a throwaway folder, for support-group volunteers.

`folder` makes and removes the throwaway folder, `sample` fills it with a made-up person's visits,
diary and care, `interview` runs the interview on it (with a short path), and `run` reads the
demo's command line and puts them together. Nothing here reads or writes the real data folder.
"""
