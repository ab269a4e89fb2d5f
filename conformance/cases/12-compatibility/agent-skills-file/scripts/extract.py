print('tables')
