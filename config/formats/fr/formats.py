# French dates as the Government of Canada writes them: 22 novembre 2026 à 09 h 27 reads
# best, but "à 09:27" keeps the 24-hour clock the English pages use.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y \\à H:i"
TIME_FORMAT = "H:i"
